namespace PeimsRules.Tests.Cli;

/// <summary><c>compare</c> of two identical inputs says so, instead of printing only a header.</summary>
public sealed class CompareIdenticalSpecification
{
    [Fact]
    public void Comparing_a_file_with_itself_says_there_is_no_difference_and_exits_0()
    {
        using var file = TempCsv.WithRows(["2024,101912,101912001,S0001,05,00,1,1,20.0,18.0,0.0,2.0,00,0,", "2024,101912,101912001,S0002,05,00,1,1,20.0,19.5,0.0,0.5,00,0,"]);

        var result = CliRunner.Run("compare", "--before", file.Path, "--after", file.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("compare: no difference: 2 records, the same rules and the same figures on both sides.", result.Error, StringComparison.Ordinal);
    }
}
