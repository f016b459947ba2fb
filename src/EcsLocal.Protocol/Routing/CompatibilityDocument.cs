using System.Text;

namespace EcsLocal.Protocol.Routing;

/// <summary>Renders docs/api-compatibility.md from the registry, so the document lists exactly what is served.</summary>
public static class CompatibilityDocument
{
    public static string Render(ApiRegistry registry)
    {
        var builder = new StringBuilder();
        builder.Append("# API compatibility\n\n");
        builder.Append("Generated from the handler registry by `ecslocal docs api-compatibility`; a test fails when this file\n");
        builder.Append("and the registry differ. Actions not listed answer 404 `InvalidAction.NotFound`.\n");
        foreach (var product in registry.Operations.GroupBy(operation => operation.Product))
        {
            builder.Append($"\n## {product.Key.Name} {product.Key.Version}\n\n");
            builder.Append("| Action | Support | Notes |\n|---|---|---|\n");
            foreach (var operation in product)
            {
                var support = operation.Support switch
                {
                    SupportLevel.Supported => "supported",
                    SupportLevel.Partial => "partial",
                    _ => "not supported",
                };
                builder.Append($"| {operation.Action} | {support} | {operation.Notes.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
            }
        }

        return builder.ToString();
    }
}
