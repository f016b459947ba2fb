using System.Diagnostics.CodeAnalysis;
using EcsLocal.Domain.Errors;

namespace EcsLocal.Domain;

/// <summary>
/// The outcome of an operation that can fail in an expected way: a value or a <see cref="ServiceError"/>.
/// </summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, ServiceError? error)
    {
        _value = value;
        Error = error;
    }

    public ServiceError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The value of a successful result; reading it on a failure is a bug.</summary>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"Result failed with {Error.Code}.");

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(ServiceError error) => new(default, error);

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(ServiceError error) => Failure(error);
}

/// <summary>The value of an operation that succeeds with nothing to return.</summary>
public readonly record struct Unit
{
    public static readonly Unit Value;
}
