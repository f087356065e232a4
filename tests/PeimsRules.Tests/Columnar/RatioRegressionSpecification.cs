namespace PeimsRules.Tests.Columnar;

/// <summary>
/// Found by the columnar agreement property: <see cref="Ratio"/> converted the 32-bit words of a decimal between int
/// and uint with checked conversions (the build checks arithmetic), so any value whose scaled digits have a word's top
/// bit set threw OverflowException, in <see cref="Ratio.ToDecimal()"/>, <see cref="Ratio.Round"/> and
/// <see cref="Ratio.FromDecimal"/>. Statewide totals run into it (a published ADA of 2,147,483.648 is such a value).
/// </summary>
public class RatioRegressionSpecification
{
    [Fact]
    public void Sixteen_169ths_converts_to_a_decimal()
    {
        Assert.Equal(0.09467455621301775148m, Ratio.Of(16, 169).ToDecimal());
    }

    [Fact]
    public void A_decimal_whose_low_word_has_its_top_bit_set_converts_to_a_ratio()
    {
        Assert.Equal(Ratio.Of(2_147_483_648, 1000), Ratio.FromDecimal(2_147_483.648m));
    }

    [Fact]
    public void A_published_ADA_whose_thousandths_need_32_bits_rounds_without_overflow()
    {
        Assert.Equal(2_147_483.648m, Ratio.FromDecimal(2_147_483.648m).Round(3, MidpointRounding.AwayFromZero));
        Assert.Equal(5_496_123.125m, Ratio.Of(5_496_123_125, 1000).Round(3, MidpointRounding.AwayFromZero));
    }
}
