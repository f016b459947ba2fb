using CsCheck;
using EcsLocal.Protocol.Parameters;
using EcsLocal.Protocol.Signatures;

namespace EcsLocal.Protocol.Tests;

/// <summary>Bounded random tests of the parameter binder: a few thousand generated inputs each, well under a second.</summary>
public class ParameterFuzzTests
{
    private const long Iterations = 3_000;

    [Fact]
    public void ParseUrlEncoded_never_throws_on_any_text()
    {
        Gen.String[Gen.Char.AlphaNumeric.Select(c => c), 0, 200]
            .Select(Gen.String, (safe, any) => safe + "%" + any + "&=+%ZZ%4" + any)
            .Sample(text =>
            {
                var pairs = RequestParameters.ParseUrlEncoded(text);
                Assert.All(pairs, pair => Assert.NotNull(pair.Value));
            }, iter: Iterations);
    }

    [Fact]
    public void Encoded_parameters_decode_to_the_same_values()
    {
        var name = Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-"], 1, 20];
        var value = Gen.String.Where(text => !text.Any(char.IsSurrogate));
        Gen.Select(name, value).List[0, 20].Sample(pairs =>
        {
            var encoded = string.Join('&', pairs.Select(pair => $"{PercentEncoding.Rfc3986(pair.Item1)}={PercentEncoding.Rfc3986(pair.Item2)}"));

            var decoded = RequestParameters.ParseUrlEncoded(encoded);

            Assert.Equal(pairs.Select(pair => new KeyValuePair<string, string>(pair.Item1, pair.Item2)), decoded);
        }, iter: Iterations);
    }

    [Fact]
    public void Typed_readers_return_results_not_exceptions()
    {
        Gen.String.Sample(text =>
        {
            var parameters = new RequestParameters([new("Value", text)], []);

            _ = parameters.OptionalBoolean("Value");
            _ = parameters.OptionalInt32("Value", 1, 100);
            _ = parameters.OptionalJson("Value");
            _ = parameters.Optional("Value", 64);
        }, iter: Iterations);
    }
}
