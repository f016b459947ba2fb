using EcsLocal.Domain;

namespace EcsLocal.Application.Storage;

/// <summary>
/// The persistence boundary: every action reads and writes through one <see cref="IStoreSession"/> that is one
/// database transaction. SQLite and PostgreSQL providers implement it and share one contract test suite.
/// </summary>
public interface IStore
{
    /// <summary>Creates the schema or migrates it to the current version; safe to call on every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction. The changes commit only when the result is a success;
    /// a failed result or an exception rolls every change back.
    /// </summary>
    Task<Result<T>> WriteAsync<T>(Func<IStoreSession, Task<Result<T>>> work, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> on a consistent snapshot without writing.</summary>
    Task<T> ReadAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken cancellationToken);
}

/// <summary>A page of rows and the number of rows on all pages.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount);
