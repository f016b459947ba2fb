namespace EcsLocal.Server;

/// <summary>A parsed command line: words before the first option, then <c>--name value</c> options and bare flags.</summary>
internal sealed record CommandLine(IReadOnlyList<string> Words, IReadOnlyDictionary<string, string> Options, IReadOnlySet<string> Flags)
{
    /// <summary>Options that take no value.</summary>
    public static readonly IReadOnlySet<string> KnownFlags = new HashSet<string>(StringComparer.Ordinal)
    {
        "--help", "--not-allow-listed", "--without-service-roles",
    };

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var words = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (options.Count > 0 || flags.Count > 0)
                {
                    throw new StartupException($"Unexpected argument '{arg}'; put command words before the options.");
                }

                words.Add(arg);
            }
            else if (KnownFlags.Contains(arg))
            {
                flags.Add(arg);
            }
            else if (arg.Contains('=', StringComparison.Ordinal))
            {
                options[arg[..arg.IndexOf('=', StringComparison.Ordinal)]] = arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                options[arg] = args[++i];
            }
            else
            {
                throw new StartupException($"The option {arg} needs a value.");
            }
        }

        return new CommandLine(words, options, flags);
    }

    public string Require(string option) =>
        Options.TryGetValue(option, out var value) && value.Length > 0
            ? value
            : throw new StartupException($"The option {option} is required; run 'ecslocal --help' for usage.");
}
