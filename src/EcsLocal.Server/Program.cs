using EcsLocal.Server;

try
{
    var command = CommandLine.Parse(args);
    if (command.Flags.Contains("--help") || command.Words is ["help"])
    {
        Console.WriteLine(OperatorCommands.Usage);
        return 0;
    }

    var options = ServerOptions.Load(command.Options, Environment.GetEnvironmentVariables()
        .Cast<System.Collections.DictionaryEntry>()
        .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value));
    return command.Words is [] or ["serve"]
        ? await ServeCommand.RunAsync(options)
        : await OperatorCommands.RunAsync(command, options, CancellationToken.None);
}
catch (StartupException exception)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    return 1;
}
