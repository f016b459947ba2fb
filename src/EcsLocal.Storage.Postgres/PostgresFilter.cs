using System.Text;
using EcsLocal.Application.Storage;

namespace EcsLocal.Storage.Postgres;

/// <summary>Builds a parameterized WHERE clause from optional filters. Values never enter the SQL text.</summary>
internal sealed class PostgresFilter
{
    private readonly StringBuilder _where = new();
    private readonly List<(string Name, object? Value)> _parameters = [];

    public string Where => _where.ToString();

    public IReadOnlyList<(string Name, object? Value)> Parameters => _parameters;

    public PostgresFilter Require(string condition, params (string Name, object? Value)[] parameters)
    {
        _where.Append(_where.Length == 0 ? "" : " AND ").Append(condition);
        _parameters.AddRange(parameters);
        return this;
    }

    public PostgresFilter Equal(string column, object? value) =>
        value is null ? this : Require($"{column} = {Add(value)}");

    /// <summary>Requires <paramref name="column"/> to be one of <paramref name="values"/>. An empty list matches no row.</summary>
    public PostgresFilter In(string column, IReadOnlyList<string>? values) =>
        values is null ? this : Require($"{column} = ANY({Add(values.ToArray())})");

    public PostgresFilter Tags(string idColumn, IReadOnlyList<TagFilter>? tags)
    {
        foreach (var tag in tags ?? [])
        {
            var value = tag.Value is null ? "" : $" AND t.tag_value = {Add(tag.Value)}";
            Require($"EXISTS (SELECT 1 FROM resource_tags t WHERE t.resource_id = {idColumn} AND t.tag_key = {Add(tag.Key)}{value})");
        }

        return this;
    }

    /// <summary>Resumes after a cursor in (creation_time, id) order.</summary>
    public PostgresFilter After(string idColumn, ResourceCursor? cursor)
    {
        if (cursor is null)
        {
            return this;
        }

        var time = Add(cursor.CreationTime.ToUnixTimeMilliseconds());
        var id = Add(cursor.Id);
        return Require($"(creation_time, {idColumn}) > ({time}, {id})");
    }

    public string Add(object? value)
    {
        var name = $"@p{_parameters.Count}";
        _parameters.Add((name, value));
        return name;
    }
}
