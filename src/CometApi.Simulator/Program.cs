using CometApi.Simulator;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

return await SimulatorCommand.RunAsync(args, Console.Out, Console.Error, stop.Token).ConfigureAwait(false);
