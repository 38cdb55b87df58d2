using Journeys.Contracts.ProductFeed;
using Journeys.Ingest.Kafka;

namespace Journeys.Ingest.ProductFeed;

/// <summary>
/// Publishes product feed rows to the product feed's topic (Kafka:CatalogTopic; key = productId), through the same acks=all, idempotent producer as
/// decisions, and returns only when every row is acknowledged — or throws naming the first failure.
/// </summary>
public static class ProductFeedPublisher
{
    public static async Task<int> PublishAsync(KafkaPublisher publisher, string topic, IReadOnlyList<ProductFeedItem> items,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(items);
        var pending = items.Count;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (pending == 0)
        {
            return 0;
        }
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            publisher.Publish(topic, item.ProductId, ProductFeedItemCodec.Encode(item), null, error =>
            {
                if (error is not null)
                {
                    done.TrySetException(new InvalidOperationException($"product feed row {item.ProductId} was not delivered to {topic}: {error.Reason}"));
                }
                else if (Interlocked.Decrement(ref pending) == 0)
                {
                    done.TrySetResult();
                }
            });
        }
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return items.Count;
    }
}
