using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace InfluenceCrm.Performance.Clicks;

/// <summary>
/// A prepared statement bound by position (the parameters' order in its text) and run to completion. SQLitePCL prepares
/// and finalizes it; binding, stepping and resetting, ten calls per click, go to the same e_sqlite3 functions directly
/// with the handles' pointers: SQLitePCL's per-call SafeHandle reference counting and marshalling cost more than the
/// binding itself (measured: see README, Benchmarks). The handles outlive every call (the statement is disposed after the
/// batch, the connection after that).
/// </summary>
internal sealed class NativeStatement : IDisposable
{
    private const nint Transient = -1; // SQLITE_TRANSIENT: SQLite copies the value before the call returns

    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;
    private readonly nint dbPointer;
    private readonly nint pointer;
    private byte[] buffer = new byte[1024];

    public NativeStatement(sqlite3 db, string sql)
    {
        this.db = db;
        Check(raw.sqlite3_prepare_v2(db, sql, out statement));
        dbPointer = db.DangerousGetHandle();
        pointer = statement.DangerousGetHandle();
    }

    public NativeStatement Text(int index, ReadOnlySpan<byte> utf8)
    {
        Check(SqliteNative.BindText(pointer, index, utf8, utf8.Length, Transient));
        return this;
    }

    public NativeStatement Text(int index, string? value)
    {
        if (value is null)
        {
            Check(SqliteNative.BindNull(pointer, index));
            return this;
        }

        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (buffer.Length < length)
        {
            buffer = new byte[length];
        }

        return Text(index, buffer.AsSpan(0, Encoding.UTF8.GetBytes(value, buffer)));
    }

    public NativeStatement Blob(int index, ReadOnlySpan<byte> value)
    {
        Check(SqliteNative.BindBlob(pointer, index, value, value.Length, Transient));
        return this;
    }

    public NativeStatement Integer(int index, long? value)
    {
        Check(value is { } number ? SqliteNative.BindInt64(pointer, index, number) : SqliteNative.BindNull(pointer, index));
        return this;
    }

    /// <summary>Runs a statement that answers one integer (INSERT … RETURNING: its change is made at the first step).</summary>
    public long Scalar()
    {
        var result = SqliteNative.Step(pointer);
        var value = result == raw.SQLITE_ROW ? raw.sqlite3_column_int64(statement, 0) : 0;
        SqliteNative.Reset(pointer);
        return result == raw.SQLITE_ROW ? value : throw Failure(result);
    }

    /// <summary>Runs the statement and returns the rows it changed.</summary>
    public int Run()
    {
        var result = SqliteNative.Step(pointer);
        SqliteNative.Reset(pointer);
        return result == raw.SQLITE_DONE ? SqliteNative.Changes(dbPointer) : throw Failure(result);
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw Failure(result);
        }
    }

    private SqliteException Failure(int result) => new(raw.sqlite3_errmsg(db).utf8_to_string(), result, raw.sqlite3_extended_errcode(db));

    public void Dispose() => statement.Dispose();
}
