namespace EcsLocal.Domain.Access;

/// <summary>The RAM wildcard match: <c>*</c> matches any run of characters (also none), <c>?</c> exactly one.</summary>
/// <remarks>Both wildcards match any character, colons and slashes included.</remarks>
internal static class Wildcard
{
    public static bool IsMatch(string pattern, string value, bool ignoreCase)
    {
        var p = 0;
        var v = 0;
        var starPattern = -1;
        var starValue = 0;

        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || CharsEqual(pattern[p], value[v], ignoreCase)))
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                // Remember the star and first let it match nothing. On a later mismatch it takes one more character.
                starPattern = p++;
                starValue = v;
            }
            else if (starPattern >= 0)
            {
                p = starPattern + 1;
                v = ++starValue;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool CharsEqual(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
