using System.Text;
using EcsLocal.Application.Storage;

namespace EcsLocal.Storage.Sqlite;

/// <summary>Builds a parameterized WHERE clause from optional filters; values never enter the SQL text.</summary>
internal sealed class SqlFilter
{
    private readonly StringBuilder _where = new();
    private readonly List<(string Name, object? Value)> _parameters = [];

    public string Where => _where.ToString();

    public IReadOnlyList<(string Name, object? Value)> Parameters => _parameters;

    public SqlFilter Require(string condition, params (string Name, object? Value)[] parameters)
    {
        _where.Append(_where.Length == 0 ? "" : " AND ").Append(condition);
        _parameters.AddRange(parameters);
        return this;
    }

    public SqlFilter Equal(string column, object? value) =>
        value is null ? this : Require($"{column} = {Add(value)}");

    public SqlFilter In(string column, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return this;
        }

        return values.Count == 0 ? Require("0") : Require($"{column} IN ({string.Join(", ", values.Select(value => Add(value)))})");
    }

    public SqlFilter Tags(string idColumn, IReadOnlyList<TagFilter>? tags)
    {
        foreach (var tag in tags ?? [])
        {
            var value = tag.Value is null ? "" : $" AND t.tag_value = {Add(tag.Value)}";
            Require($"EXISTS (SELECT 1 FROM resource_tags t WHERE t.resource_id = {idColumn} AND t.tag_key = {Add(tag.Key)}{value})");
        }

        return this;
    }

    /// <summary>Resumes after a cursor in (creation_time, id) order.</summary>
    public SqlFilter After(string idColumn, ResourceCursor? cursor)
    {
        if (cursor is null)
        {
            return this;
        }

        var time = Add(cursor.CreationTime.ToUnixTimeMilliseconds());
        var id = Add(cursor.Id);
        return Require($"(creation_time > {time} OR (creation_time = {time} AND {idColumn} > {id}))");
    }

    public string Add(object? value)
    {
        var name = $"$p{_parameters.Count}";
        _parameters.Add((name, value));
        return name;
    }
}
