using System.CommandLine;
using Journeys.Ingest.Kafka;
using Journeys.Ingest.ProductFeed;
using Microsoft.Extensions.Logging.Abstractions;

namespace Journeys.CommandLine;

/// <summary>
/// <c>journeys catalog --file F --bootstrap B</c>: checks a product feed file (costs, list prices, categories, stock)
/// and publishes it to the product feed's topic every engine reads (<c>journeys.catalog</c>). A file with any invalid
/// row is refused whole, each problem listed by line, so engines never price from half a feed. The command, like the
/// topic, keeps its user-facing name "catalog"; what it loads is the product feed, not the catalog view.
/// </summary>
internal static class CatalogCommand
{
    public static Command Create()
    {
        var file = new Option<FileInfo>("--file")
        {
            Description = "Product feed: CSV with header productId,categoryId,listPrice,cost,stock (only productId required; empty = unknown), or JSON lines; .gz read directly",
            Required = true,
            Validators = { r => { if (r.GetValueOrDefault<FileInfo>() is { Exists: false } f) r.AddError($"--file '{f.FullName}' does not exist"); } },
        };
        var bootstrap = Flags.Bootstrap(required: true);
        var topic = new Option<string>("--topic") { Description = "Product feed topic", DefaultValueFactory = _ => new KafkaOptions().CatalogTopic };
        var command = new Command("catalog", "Load a product feed (cost, list price, category, stock) into the product feed topic the engines read.")
        {
            file, bootstrap, topic,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!.FullName;
            IReadOnlyList<Contracts.ProductFeed.ProductFeedItem> items;
            try
            {
                items = ProductFeedFile.Read(path);
            }
            catch (InvalidDataException e)
            {
                await Console.Error.WriteLineAsync($"journeys catalog: {e.Message}");
                return 2;
            }
            var options = new KafkaOptions { BootstrapServers = parse.GetValue(bootstrap)! };
            using var publisher = new KafkaPublisher(options, NullLogger<KafkaPublisher>.Instance);
            var sent = await ProductFeedPublisher.PublishAsync(publisher, parse.GetValue(topic)!, items, cancellationToken);
            var costs = items.Count(i => i.Cost is not null);
            var stock = items.Count(i => i.Stock is not null);
            Console.WriteLine($"catalog: {sent:N0} products published to {parse.GetValue(topic)} ({costs:N0} with cost, {stock:N0} with stock)");
            return 0;
        });
        return command;
    }
}
