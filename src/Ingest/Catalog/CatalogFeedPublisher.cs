using Journeys.Contracts.Catalog;
using Journeys.Ingest.Kafka;

namespace Journeys.Ingest.Catalog;

/// <summary>
/// Publishes product feed rows to the catalog topic (key = productId), through the same acks=all, idempotent producer as
/// decisions, and returns only when every row is acknowledged — or throws naming the first failure.
/// </summary>
public static class CatalogFeedPublisher
{
    public static async Task<int> PublishAsync(KafkaPublisher publisher, string topic, IReadOnlyList<CatalogItem> items,
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
            publisher.Publish(topic, item.ProductId, CatalogItemCodec.Encode(item), null, error =>
            {
                if (error is not null)
                {
                    done.TrySetException(new InvalidOperationException($"catalog row {item.ProductId} was not delivered to {topic}: {error.Reason}"));
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
