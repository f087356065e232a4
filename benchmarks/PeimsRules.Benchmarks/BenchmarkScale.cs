using System.Globalization;

namespace PeimsRules.Benchmarks;

/// <summary>
/// The <c>--scale</c> option: the fraction of statewide Texas the benchmarks generate (1, the default, is 5.5 million
/// students and 33 million period records). It travels to BenchmarkDotNet's child processes in an environment
/// variable.
/// </summary>
public static class BenchmarkScale
{
    private const string Variable = "PEIMS_BENCHMARK_SCALE";

    /// <summary>The scale of this run.</summary>
    public static double Value =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } text ? double.Parse(text, CultureInfo.InvariantCulture) : 1.0;

    /// <summary>Takes <c>--scale X</c> out of <paramref name="args"/> and sets it for this process and its children.</summary>
    public static string[] Consume(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--scale" && i + 1 < args.Length)
            {
                var scale = double.Parse(args[++i], CultureInfo.InvariantCulture);
                if (scale is <= 0 or > 4)
                {
                    throw new ArgumentOutOfRangeException(nameof(args), scale, "--scale is a fraction of the state, more than 0 and at most 4.");
                }

                Environment.SetEnvironmentVariable(Variable, scale.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        return [.. rest];
    }
}
