using Node.Chain.Validation;

namespace Node.Chain.Tests.Validation;

public class MedianTimeTests
{
    [Theory]
    [InlineData(new uint[] { 5 }, 5u)]
    [InlineData(new uint[] { 9, 1 }, 9u)] // Core takes index count/2 of the sorted list: the upper middle
    [InlineData(new uint[] { 3, 1, 2 }, 2u)]
    [InlineData(new uint[] { 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 }, 6u)]
    [InlineData(new uint[] { 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2 }, 2u)]
    public void Median_is_the_middle_of_the_sorted_times(uint[] times, uint expected)
    {
        Assert.Equal(expected, MedianTime.Of(times));
    }

    [Fact]
    public void More_than_eleven_or_none_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => MedianTime.Of(new uint[12]));
        Assert.Throws<ArgumentException>(() => MedianTime.Of([]));
    }
}
