using System.Diagnostics;
using System.Globalization;

namespace PeimsRules.Benchmarks;

/// <summary>
/// Peak resident memory (Linux VmHWM, the high-water mark of resident pages) of this process or of a child process,
/// appended to <c>peak-memory.csv</c> in the results directory: BenchmarkDotNet's memory diagnoser counts allocated
/// bytes, not what the operating system had to hold.
/// </summary>
public static class PeakMemory
{
    /// <summary>The environment variable naming the directory the peaks are written to.</summary>
    public const string ResultsVariable = "PEIMS_BENCHMARK_RESULTS";

    /// <summary>This process's peak resident memory so far, in bytes (0 where /proc is missing).</summary>
    public static long OfThisProcess() => Read(Environment.ProcessId);

    /// <summary>Runs a child process to its end, returning its peak resident memory, sampled every 5 ms until it exits.</summary>
    /// <exception cref="InvalidOperationException">The child exits with a code other than 0.</exception>
    public static long Run(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var error = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.WaitForExit(5))
        {
            peak = Math.Max(peak, Read(process.Id));
        }

        output.Wait();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {error.Result}");
        }

        return peak;
    }

    /// <summary>Appends one row (benchmark, scale, peak bytes) to the results directory's peak-memory.csv.</summary>
    public static void Record(string benchmark, long bytes)
    {
        var directory = Environment.GetEnvironmentVariable(ResultsVariable);
        if (string.IsNullOrEmpty(directory))
        {
            return;
        }

        Directory.CreateDirectory(directory);
        File.AppendAllText(
            Path.Combine(directory, "peak-memory.csv"),
            string.Create(CultureInfo.InvariantCulture, $"{benchmark},{BenchmarkScale.Current},{bytes}\n"));
    }

    private static long Read(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process has exited.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }
}
