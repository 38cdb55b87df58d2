using Journeys.Contracts.ProductFeed;
using Journeys.Ingest.ProductFeed;

namespace Journeys.Ingest.Tests.ProductFeed;

public sealed class ProductFeedFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("journeys-feed-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_csv_feed_reads_columns_in_any_order_and_empty_cells_as_unknown()
    {
        var path = Write("feed.csv", "stock,productId,cost,listPrice,categoryId\n5,p-1,7.5,10,c-1\n,p-2,,20.5,\n");

        var items = ProductFeedFile.Read(path);

        Assert.Equal([new ProductFeedItem("p-1", "c-1", 10, 7.5, 5), new ProductFeedItem("p-2", null, 20.5, null, null)], items);
    }

    [Fact]
    public void A_json_lines_feed_reads_too()
    {
        var path = Write("feed.jsonl", "{\"productId\":\"p-1\",\"listPrice\":3,\"stock\":0}\n\n{\"productId\":\"p-2\"}\n");

        var items = ProductFeedFile.Read(path);

        Assert.Equal([new ProductFeedItem("p-1", null, 3, null, 0), new ProductFeedItem("p-2", null, null, null, null)], items);
    }

    [Fact]
    public void A_feed_with_bad_rows_is_refused_whole_listing_each_by_line()
    {
        var path = Write("bad.csv", "productId,listPrice,cost,stock\np-1,10,5,1\np-2,ten,,\n,3,,\np-4,4,,-1\n");

        var error = Assert.Throws<InvalidDataException>(() => ProductFeedFile.Read(path));

        Assert.Contains("3 invalid row(s); nothing was loaded", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3: listPrice 'ten' is not a number", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 4: productId is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 5: stock must be ≥ 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bundled_demo_feed_reads_every_product_of_the_sample_without_cost_or_stock()
    {
        var items = ProductFeedFile.Read(Repository.Data("catalog/rees46-demo-catalog.csv.gz"));

        Assert.Equal(6_493, items.Count);
        Assert.Equal(6_479, items.Count(i => i.ListPrice is not null));
        Assert.All(items, i => Assert.Null(i.Cost));
        Assert.All(items, i => Assert.Null(i.Stock));
    }

    [Fact]
    public void A_csv_without_a_productId_header_is_refused_with_the_expected_columns()
    {
        var path = Write("nohead.csv", "p-1,10\n");

        var error = Assert.Throws<InvalidDataException>(() => ProductFeedFile.Read(path));

        Assert.Contains("header with a productId column", error.Message, StringComparison.Ordinal);
    }
}
