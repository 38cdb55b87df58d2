using Journeys.CommandLine;

return await JourneysCommandLine.Create().Parse(args).InvokeAsync();
