using System.CommandLine;
using Journeys.Engine.Hosting;
using Journeys.SessionActors.Sessions;
using Journeys.SessionActors.State;
using Microsoft.Extensions.Configuration;

namespace Journeys.CommandLine;

/// <summary>
/// <c>journeys erase --session S | --user U</c>: deletes a session's (or every session of a user's) state and latest
/// decision from the Garnet the engines share, keeps a record that the erase happened (without the data), and tells
/// running engines, which drop what they hold of those sessions.
/// </summary>
internal static class EraseCommand
{
    public static Command Create()
    {
        var session = new Option<string?>("--session") { Description = "Session id to erase" };
        var user = new Option<string?>("--user") { Description = "User id whose sessions to erase" };
        var garnet = new Option<string?>("--garnet") { Description = "host:port of the engines' Garnet (default State:Garnet / JOURNEYS__State__Garnet)" };
        var command = new Command("erase", "Erase a session's or a user's state and cached decisions, live engines included.") { session, user, garnet };
        command.Validators.Add(r =>
        {
            if ((r.GetValue(session) is null) == (r.GetValue(user) is null))
            {
                r.AddError("give exactly one of --session S or --user U");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = new ConfigurationBuilder()
                .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
                .AddEnvironmentVariables(JourneysHost.EnvironmentPrefix)
                .Build();
            var state = configuration.GetSection(StateOptions.SectionName).Get<StateOptions>() ?? new StateOptions();
            var sessions = configuration.GetSection(SessionOptions.SectionName).Get<SessionOptions>() ?? new SessionOptions();
            var endpoint = parse.GetValue(garnet) ?? state.Garnet;
            if (string.IsNullOrEmpty(endpoint))
            {
                await Console.Error.WriteLineAsync("journeys erase: no Garnet to erase from: pass --garnet host:port or set State:Garnet (JOURNEYS__State__Garnet). An engine's embedded Garnet lives only inside that engine's process.");
                return 2;
            }
            using var store = new GarnetSessionStore(endpoint, state.Password, state.KeyPrefix, sessions.IdleTimeout);
            if (parse.GetValue(session) is { } id)
            {
                var had = await store.EraseSessionAsync(id);
                Console.WriteLine($"erased session {id} ({(had ? "state deleted" : "no state was stored")}); record at {store.ErasedKey("session", id)}");
            }
            else
            {
                var userId = parse.GetValue(user)!;
                var erased = await store.EraseUserAsync(userId);
                Console.WriteLine($"erased user {userId}: {erased.Count} session(s){(erased.Count > 0 ? ": " + string.Join(", ", erased) : "")}; record at {store.ErasedKey("user", userId)}");
            }
            return 0;
        });
        return command;
    }
}
