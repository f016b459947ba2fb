using System.Text;

namespace EcsLocal.Protocol.Parameters;

/// <summary>
/// The decoded parameters of one request: the query string first, then an
/// <c>application/x-www-form-urlencoded</c> body, in wire order. Names are case-sensitive.
/// </summary>
public sealed class RequestParameters
{
    public const int MaxCount = 1024;

    private readonly List<KeyValuePair<string, string>> _query;
    private readonly List<KeyValuePair<string, string>> _form;
    private readonly Dictionary<string, string> _first = new(StringComparer.Ordinal);

    public RequestParameters(List<KeyValuePair<string, string>> query, List<KeyValuePair<string, string>> form)
    {
        _query = query;
        _form = form;
        foreach (var (name, value) in query.Concat(form))
        {
            _first.TryAdd(name, value);
        }
    }

    public IReadOnlyList<KeyValuePair<string, string>> Query => _query;

    public IReadOnlyList<KeyValuePair<string, string>> Form => _form;

    public IEnumerable<KeyValuePair<string, string>> All => _query.Concat(_form);

    public int Count => _query.Count + _form.Count;

    /// <summary>Returns the first value of a parameter, or null when the request does not carry it.</summary>
    public string? this[string name] => _first.GetValueOrDefault(name);

    public IEnumerable<string> Names => _first.Keys;

    public static RequestParameters Empty { get; } = new([], []);

    /// <summary>
    /// Decodes <c>a=1&amp;b=x+y</c> text into pairs: <c>+</c> is a space, <c>%XX</c> are UTF-8 bytes, and a name
    /// without <c>=</c> has an empty value. A leading <c>?</c> is skipped.
    /// </summary>
    public static List<KeyValuePair<string, string>> ParseUrlEncoded(ReadOnlySpan<char> text)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (text.StartsWith("?"))
        {
            text = text[1..];
        }

        foreach (var range in text.Split('&'))
        {
            var part = text[range];
            if (part.IsEmpty)
            {
                continue;
            }

            var equals = part.IndexOf('=');
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? [] : part[(equals + 1)..];
            pairs.Add(new(Decode(name), Decode(value)));
        }

        return pairs;
    }

    private static string Decode(ReadOnlySpan<char> encoded)
    {
        if (encoded.IndexOfAny('%', '+') < 0)
        {
            return encoded.ToString();
        }

        var bytes = new List<byte>(encoded.Length);
        Span<byte> buffer = stackalloc byte[8];
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '%' && i + 2 < encoded.Length && IsHex(encoded[i + 1]) && IsHex(encoded[i + 2]))
            {
                bytes.Add((byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2])));
                i += 2;
            }
            else
            {
                // A raw character outside %XX escapes, such as " or [ sent unescaped by some clients.
                var length = char.IsHighSurrogate(c) && i + 1 < encoded.Length ? 2 : 1;
                var written = Encoding.UTF8.GetBytes(encoded.Slice(i, length), buffer);
                bytes.AddRange(buffer[..written]);
                i += length - 1;
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
