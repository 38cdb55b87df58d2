using Journeys.Lab.Datasets;

namespace Journeys.Lab.Tests.Datasets;

public sealed class DatasetReaderTests
{
    [Fact]
    public void Missing_file_fails_before_enumeration_naming_the_path()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-dataset-{Guid.NewGuid():N}.csv.gz");
        var ex = Assert.Throws<FileNotFoundException>(() => DatasetReader.Read(missing, DatasetFormat.Rees46));
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_is_not_mistaken_for_a_file()
    {
        var dir = Path.GetTempPath();
        var ex = Assert.Throws<FileNotFoundException>(() => DatasetReader.Read(dir, DatasetFormat.Journeys));
        Assert.Contains("directory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_format_for_a_file_says_which_column_is_missing()
    {
        var ex = Assert.Throws<InvalidDataException>(() =>
            DatasetReader.Read(Repository.DemoSample, DatasetFormat.DigineticaViews).ToList());
        Assert.Contains(":1:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sessionId", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("journeys", DatasetFormat.Journeys)]
    [InlineData("yoochoose", DatasetFormat.Yoochoose)]
    [InlineData("REES46", DatasetFormat.Rees46)]
    [InlineData("diginetica-views", DatasetFormat.DigineticaViews)]
    public void Format_names_parse_case_insensitively(string name, DatasetFormat expected)
    {
        Assert.Equal(expected, DatasetFormats.Parse(name));
        Assert.Equal(name.ToLowerInvariant(), DatasetFormats.ToName(expected));
    }

    [Fact]
    public void Unknown_format_name_lists_the_valid_ones()
    {
        var ex = Assert.Throws<ArgumentException>(() => DatasetFormats.Parse("retailrocket"));
        Assert.Contains("'retailrocket'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("journeys, yoochoose, rees46, diginetica-views", ex.Message, StringComparison.Ordinal);
    }
}
