// The end-to-end tests each start whole engines, brokers or child `journeys` processes. Run in parallel on a 2-core
// machine they starved each other's Kafka consumers (heartbeats late against the tests' short session timeout, so a
// group kept rebalancing and decided nothing for minutes). One at a time, each gets the machine it was written for.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
