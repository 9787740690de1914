using System.Buffers.Binary;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Aes = System.Security.Cryptography.Aes;
using AesNi = System.Runtime.Intrinsics.X86.Aes;
using System.Security.Cryptography;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;

namespace InfluenceCrm.Performance.Clicks;

/// <summary>
/// Click ids. Stored, a click id is a 64-bit integer — on SQLite the rowid, so the writer appends a click to one B-tree
/// under an integer key — made of a block reserved in the database (perf_click_id_blocks: unique across instances and
/// restarts) in its high 32 bits and a counter within the block. Shown (the redirect's icid, what conversions cite), it is
/// that integer and 64 zero bits encrypted with AES-128 under the installation's click-id key, written like every other
/// id (ck_ and 26 characters): a sequential id would tell anyone who clicks twice how many clicks the whole service took
/// in between, and a forged or mistyped id decrypts to no click number (its padding is not zeros).
/// </summary>
public sealed class ClickIds(Db db, TimeProvider clock) : IDisposable
{
    private const string KeyName = "click_id_key";

    private readonly int counterBits = 32;

    /// <summary>Blocks of 2^<paramref name="counterBits"/> ids instead of 2^32: tests run through many blocks.</summary>
    internal ClickIds(Db db, TimeProvider clock, int counterBits)
        : this(db, clock) => this.counterBits = counterBits;

    internal static readonly Sql ReserveBlock = Sql.Per(
        "INSERT INTO perf_click_id_blocks (reserved_at) VALUES (@Now) RETURNING block",
        "INSERT INTO perf_click_id_blocks (reserved_at) OUTPUT inserted.block VALUES (@Now)");

    private readonly SemaphoreSlim reserving = new(1, 1);
    private Cipher? cipher;
    private Block? current;

    /// <summary>
    /// A reserved block with its own counter: a caller that read the block before another was reserved takes an id of
    /// that block or none, never one of the next block's range, which may belong to another instance.
    /// </summary>
    private sealed class Block(long number, int counterBits)
    {
        public long Last = (number << counterBits) - 1; // the last id given
        public readonly long End = (number + 1) << counterBits; // the first id past the block
    }

    /// <summary>Loads the key and reserves a block, at start (with the visitor salts): a redirect never waits on the database.</summary>
    public async Task PrepareAsync(CancellationToken ct)
    {
        await reserving.WaitAsync(ct);
        try
        {
            await PrepareWhileReservingAsync(ct);
        }
        finally
        {
            reserving.Release();
        }
    }

    private async Task PrepareWhileReservingAsync(CancellationToken ct)
    {
        cipher ??= new Cipher((await InstallationKeys.LoadOrCreateAsync(db, KeyName, clock, ct))[..16]);
        if (Volatile.Read(ref current) is null)
        {
            await ReserveAsync(ct);
        }
    }

    /// <summary>A new click id: at once, unless this instance has no block yet or used up its 4 billion ids.</summary>
    public ValueTask<long> NextAsync(CancellationToken ct = default) =>
        TryTake(out var id) ? ValueTask.FromResult(id) : NextFromNewBlockAsync(ct);

    private bool TryTake(out long id)
    {
        id = 0;
        return Volatile.Read(ref current) is { } block && (id = Interlocked.Increment(ref block.Last)) < block.End;
    }

    private async ValueTask<long> NextFromNewBlockAsync(CancellationToken ct)
    {
        await reserving.WaitAsync(ct);
        try
        {
            await PrepareWhileReservingAsync(ct);
            long id;
            while (!TryTake(out id)) // another caller may have reserved a block while this one waited
            {
                await ReserveAsync(ct);
            }

            return id;
        }
        finally
        {
            reserving.Release();
        }
    }

    private async Task ReserveAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        Volatile.Write(ref current, new Block(await connection.ExecuteScalarAsync<long>(ReserveBlock, new { Now = clock.GetUtcNow() }, ct: ct), counterBits));
    }

    /// <summary>The public id of a click (ck_ and 26 characters).</summary>
    public string Format(long id) => (cipher ?? throw new InvalidOperationException("Click ids are not prepared.")).Format(id);

    /// <summary>
    /// The stored id behind a public one made here, written exactly as it was given (the ULID decoder also reads lower case
    /// and other first characters), or null: an id of another key, a forged or an older one.
    /// </summary>
    public long? Parse(string? text) => cipher is { } c && text is { Length: 29 } && text.StartsWith("ck_", StringComparison.Ordinal)
        && Ulid.TryParse(text.AsSpan(3), out var ulid) && c.Decrypt(ulid) is { } id && c.Format(id) == text ? id : null;

    public void Dispose()
    {
        cipher?.Dispose();
        reserving.Dispose();
    }

    /// <summary>
    /// AES-128 on one block. Encryption, once per redirect, runs on the processor's AES instructions where it has them (x86;
    /// a call into OpenSSL costs more than the cipher); decryption, once per conversion, and processors without them use
    /// .NET's Aes, one caller at a time. A test holds both equal (where the instructions exist).
    /// </summary>
    internal sealed class Cipher : IDisposable
    {
        private readonly Aes aes = Aes.Create();
        private readonly Vector128<byte>[]? roundKeys;

        public Cipher(byte[] key)
        {
            aes.Key = key;
            if (AesNi.IsSupported)
            {
                roundKeys = ExpandKey(Vector128.Create(key));
            }
        }

        public string Format(long id) => string.Create(29, Encrypt(id), static (chars, block) =>
        {
            "ck_".CopyTo(chars);
            block.TryWriteStringify(chars[3..]);
        });

        internal Ulid Encrypt(long id)
        {
            Span<byte> bytes = stackalloc byte[16];
            if (roundKeys is { } keys)
            {
                var state = Sse2.Xor(Vector128.Create((ulong)id, 0UL).AsByte(), keys[0]);
                for (var round = 1; round < 10; round++)
                {
                    state = AesNi.Encrypt(state, keys[round]);
                }

                AesNi.EncryptLast(state, keys[10]).CopyTo(bytes);
            }
            else
            {
                BinaryPrimitives.WriteInt64LittleEndian(bytes, id);
                lock (aes)
                {
                    aes.EncryptEcb(bytes, bytes, PaddingMode.None);
                }
            }

            return new Ulid(bytes);
        }

        internal long? Decrypt(Ulid ulid)
        {
            Span<byte> bytes = stackalloc byte[16];
            ulid.TryWriteBytes(bytes);
            lock (aes)
            {
                aes.DecryptEcb(bytes, bytes, PaddingMode.None);
            }

            return BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]) == 0 ? BinaryPrimitives.ReadInt64LittleEndian(bytes) : null;
        }

        /// <summary>FIPS 197's AES-128 key expansion with the AESKEYGENASSIST instruction (its round constants are immediates).</summary>
        private static Vector128<byte>[] ExpandKey(Vector128<byte> key)
        {
            static Vector128<byte> Next(Vector128<byte> key, Vector128<byte> assist)
            {
                assist = Sse2.Shuffle(assist.AsInt32(), 0xFF).AsByte();
                key = Sse2.Xor(key, Sse2.ShiftLeftLogical128BitLane(key, 4));
                key = Sse2.Xor(key, Sse2.ShiftLeftLogical128BitLane(key, 4));
                key = Sse2.Xor(key, Sse2.ShiftLeftLogical128BitLane(key, 4));
                return Sse2.Xor(key, assist);
            }

            var keys = new Vector128<byte>[11];
            keys[0] = key;
            keys[1] = Next(keys[0], AesNi.KeygenAssist(keys[0], 0x01));
            keys[2] = Next(keys[1], AesNi.KeygenAssist(keys[1], 0x02));
            keys[3] = Next(keys[2], AesNi.KeygenAssist(keys[2], 0x04));
            keys[4] = Next(keys[3], AesNi.KeygenAssist(keys[3], 0x08));
            keys[5] = Next(keys[4], AesNi.KeygenAssist(keys[4], 0x10));
            keys[6] = Next(keys[5], AesNi.KeygenAssist(keys[5], 0x20));
            keys[7] = Next(keys[6], AesNi.KeygenAssist(keys[6], 0x40));
            keys[8] = Next(keys[7], AesNi.KeygenAssist(keys[7], 0x80));
            keys[9] = Next(keys[8], AesNi.KeygenAssist(keys[8], 0x1B));
            keys[10] = Next(keys[9], AesNi.KeygenAssist(keys[9], 0x36));
            return keys;
        }

        public void Dispose() => aes.Dispose();
    }
}
