using System.Runtime.InteropServices;

namespace InfluenceCrm.Performance.Clicks;

/// <summary>The e_sqlite3 library SQLitePCL loads (Microsoft.Data.Sqlite's bundle), called with raw pointers.</summary>
internal static partial class SqliteNative
{
    private const string Library = "e_sqlite3";

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text"), SuppressGCTransition]
    public static partial int BindText(nint statement, int index, ReadOnlySpan<byte> value, int length, nint destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_blob"), SuppressGCTransition]
    public static partial int BindBlob(nint statement, int index, ReadOnlySpan<byte> value, int length, nint destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64"), SuppressGCTransition]
    public static partial int BindInt64(nint statement, int index, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_null"), SuppressGCTransition]
    public static partial int BindNull(nint statement, int index);

    // Not SuppressGCTransition: a step writes pages and may wait on the file system.
    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    public static partial int Step(nint statement);

    // Nor a reset: after a failed step it rolls the statement back.
    [LibraryImport(Library, EntryPoint = "sqlite3_reset")]
    public static partial int Reset(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_changes"), SuppressGCTransition]
    public static partial int Changes(nint db);
}
