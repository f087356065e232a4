using System.Globalization;

namespace PeimsRules.Benchmarks;

/// <summary>
/// The size of the benchmark data, as a fraction of full size: <c>--scale 0.01</c> on the command line, or the
/// <see cref="EnvironmentVariable"/> environment variable (which carries it into BenchmarkDotNet's child processes).
/// </summary>
public static class BenchmarkScale
{
    /// <summary>The environment variable that carries the scale.</summary>
    public const string EnvironmentVariable = "PEIMS_BENCHMARK_SCALE";

    /// <summary>The scale in force: the environment variable's value, or 1 (full size).</summary>
    public static double Current =>
        double.TryParse(Environment.GetEnvironmentVariable(EnvironmentVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale > 0
            ? scale
            : 1.0;

    /// <summary>Removes <c>--scale X</c> from <paramref name="args"/>, records it in the environment, and returns the rest.</summary>
    /// <exception cref="ArgumentException">The value is not a positive number.</exception>
    public static string[] TakeScaleArgument(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--scale" && i + 1 < args.Length)
            {
                if (!double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) || scale <= 0)
                {
                    throw new ArgumentException($"--scale takes a positive number, such as 0.01; '{args[i + 1]}' is not.", nameof(args));
                }

                Environment.SetEnvironmentVariable(EnvironmentVariable, scale.ToString(CultureInfo.InvariantCulture));
                i++;
                continue;
            }

            rest.Add(args[i]);
        }

        return [.. rest];
    }
}
