using InfluenceCrm.Platform;
using InfluenceCrm.Platform.Data;
using InfluenceCrm.Platform.Security;
using Microsoft.AspNetCore.Identity;

namespace InfluenceCrm.Access;

/// <summary>
/// People who sign in to the console: e-mail and password (hashed by ASP.NET Core Identity's PasswordHasher), a role per
/// workspace (the API's roles), invitations by link. Repeated failures slow the address and the client down
/// (<see cref="SignInThrottle"/>); nobody is ever locked out. Tables platform_people,
/// platform_memberships, platform_invitations.
/// </summary>
public sealed partial class People(Db db, TimeProvider clock)
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    private static readonly PasswordHasher<PersonRow> Hasher = new();

    internal static readonly Sql FindByEmail = Sql.Both("""
        SELECT id AS Id, email AS Email, display_name AS DisplayName, password_hash AS PasswordHash, failed_attempts AS FailedAttempts, locked_until AS LockedUntil
        FROM platform_people WHERE email = @Email
        """);

    /// <summary>Checked, then inserted: on SQL Server the key range stays locked until the insert (two first sign-ins for one address).</summary>
    internal static readonly Sql FindByEmailLocked = Sql.Per(
        sqlite: """
            SELECT id AS Id, email AS Email, display_name AS DisplayName, password_hash AS PasswordHash, failed_attempts AS FailedAttempts,
                locked_until AS LockedUntil
            FROM platform_people WHERE email = @Email
            """,
        sqlServer: """
            SELECT id AS Id, email AS Email, display_name AS DisplayName, password_hash AS PasswordHash, failed_attempts AS FailedAttempts,
                locked_until AS LockedUntil
            FROM platform_people WITH (UPDLOCK, HOLDLOCK) WHERE email = @Email
            """);

    internal static readonly Sql FindById = Sql.Both("""
        SELECT id AS Id, email AS Email, display_name AS DisplayName, password_hash AS PasswordHash, failed_attempts AS FailedAttempts, locked_until AS LockedUntil
        FROM platform_people WHERE id = @Id
        """);

    internal static readonly Sql InsertPerson = Sql.Both("""
        INSERT INTO platform_people (id, email, display_name, password_hash, failed_attempts, locked_until, created_at)
        VALUES (@Id, @Email, @DisplayName, @PasswordHash, 0, NULL, @Now)
        """);

    internal static readonly Sql SetPassword = Sql.Both("UPDATE platform_people SET password_hash = @PasswordHash, failed_attempts = 0, locked_until = NULL WHERE id = @Id");

    internal static readonly Sql Memberships = Sql.Both("""
        SELECT m.workspace_id AS WorkspaceId, w.slug AS Slug, w.name AS Name, m.role AS Role
        FROM platform_memberships m JOIN platform_workspaces w ON w.id = m.workspace_id
        WHERE m.person_id = @PersonId ORDER BY w.name, w.id
        """);

    internal static readonly Sql Membership = Sql.Both("SELECT role FROM platform_memberships WHERE person_id = @PersonId AND workspace_id = @WorkspaceId");

    internal static readonly Sql UpsertMembership = Sql.Per(
        sqlite: """
            INSERT INTO platform_memberships (person_id, workspace_id, role, created_at) VALUES (@PersonId, @WorkspaceId, @Role, @Now)
            ON CONFLICT (person_id, workspace_id) DO UPDATE SET role = excluded.role
            """,
        sqlServer: """
            MERGE platform_memberships WITH (HOLDLOCK) AS t
            USING (SELECT @PersonId AS person_id, @WorkspaceId AS workspace_id) AS s ON t.person_id = s.person_id AND t.workspace_id = s.workspace_id
            WHEN MATCHED THEN UPDATE SET role = @Role
            WHEN NOT MATCHED THEN INSERT (person_id, workspace_id, role, created_at) VALUES (@PersonId, @WorkspaceId, @Role, @Now);
            """);

    internal static readonly Sql DeleteMembership = Sql.Both("DELETE FROM platform_memberships WHERE person_id = @PersonId AND workspace_id = @WorkspaceId");

    internal static readonly Sql Members = Sql.Both("""
        SELECT p.id AS PersonId, p.email AS Email, p.display_name AS DisplayName, m.role AS Role, m.created_at AS Since
        FROM platform_memberships m JOIN platform_people p ON p.id = m.person_id
        WHERE m.workspace_id = @WorkspaceId ORDER BY p.display_name, p.id
        """);

    /// <summary>People and invitations by id, for the audit reader to name at read time (the log itself holds ids only).</summary>
    internal static readonly Sql Named = Sql.Per(
        sqlite: """
            SELECT id AS Id, display_name AS DisplayName, email AS Email FROM platform_people WHERE id IN (SELECT value FROM json_each(@Ids))
            UNION ALL
            SELECT id, NULL, email FROM platform_invitations WHERE workspace_id = @WorkspaceId AND id IN (SELECT value FROM json_each(@Ids))
            """,
        sqlServer: """
            SELECT id AS Id, display_name AS DisplayName, email AS Email FROM platform_people
            WHERE id IN (SELECT value FROM OPENJSON(@Ids) WITH (value NVARCHAR(40) '$'))
            UNION ALL
            SELECT id, NULL, email FROM platform_invitations
            WHERE workspace_id = @WorkspaceId AND id IN (SELECT value FROM OPENJSON(@Ids) WITH (value NVARCHAR(40) '$'))
            """);

    /// <summary>A person (with a display name) or an invitation (without).</summary>
    public sealed class NamedRow
    {
        public string Id { get; init; } = "";
        public string? DisplayName { get; init; }
        public string Email { get; init; } = "";
    }

    public sealed class PersonRow
    {
        public string Id { get; init; } = "";
        public string Email { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string? PasswordHash { get; init; }
        public int FailedAttempts { get; init; }
        public DateTimeOffset? LockedUntil { get; init; }
    }

    public sealed record MembershipView(string WorkspaceId, string Slug, string Name, string Role);

    public sealed record MemberView(string PersonId, string Email, string DisplayName, string Role, DateTimeOffset Since);

    /// <summary>Throttled: too many recent failures for this address or client; the password was not checked (the same for any address).</summary>
    public enum SignInOutcome { Succeeded, Failed, Throttled }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>The widths of platform_people.email and .display_name (and of an invitation's e-mail).</summary>
    public const int EmailWidth = 320, DisplayNameWidth = 200;

    /// <summary>A display name that fits its column: an identity provider's name claim is cut, never refused.</summary>
    public static string FitDisplayName(string name) => name.Length <= DisplayNameWidth ? name : name[..DisplayNameWidth].TrimEnd();

    /// <summary>A hash of a random password: an unknown address (or one without a password) costs the same verification as a known one.</summary>
    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(new PersonRow(), Convert.ToBase64String(Guid.NewGuid().ToByteArray())));

    /// <summary>
    /// Checks the password. The same work whatever the address: a hash is verified for an unknown one too. Failures are
    /// not counted here (no lockout): <see cref="SignInThrottle"/> slows the address and the client down instead.
    /// </summary>
    public async Task<(SignInOutcome Outcome, PersonRow? Person)> CheckPasswordAsync(string email, string password, CancellationToken ct = default)
    {
        PersonRow? person;
        await using (var c = await db.OpenAsync(ct))
        {
            person = await c.QuerySingleOrDefaultAsync<PersonRow>(FindByEmail, new { Email = NormalizeEmail(email) }, ct: ct);
        }

        if (person?.PasswordHash is null)
        {
            Hasher.VerifyHashedPassword(new PersonRow(), DummyHash.Value, password);
            return (SignInOutcome.Failed, person);
        }

        return Hasher.VerifyHashedPassword(person, person.PasswordHash, password) == PasswordVerificationResult.Failed
            ? (SignInOutcome.Failed, person)
            : (SignInOutcome.Succeeded, person);
    }

    /// <summary>The person of this address, or null.</summary>
    public async Task<PersonRow?> FindAsync(string email, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<PersonRow>(FindByEmail, new { Email = NormalizeEmail(email) }, ct: ct);
    }

    /// <summary>Creates the person if the address is new (else sets their password when given), and gives them a role in the workspace.</summary>
    public async Task<PersonRow> EnsureMemberAsync(string email, string? displayName, string? password, string workspaceId, string role, CancellationToken ct = default)
    {
        if (!Roles.All.Contains(role))
        {
            throw new ArgumentException($"Unknown role '{role}'. Roles: {string.Join(", ", Roles.All)}.", nameof(role));
        }

        return await db.InTransactionAsync(async (c, tx) =>
        {
            var normalized = NormalizeEmail(email);
            var person = await c.QuerySingleOrDefaultAsync<PersonRow>(FindByEmailLocked, new { Email = normalized }, tx, ct);
            if (person is null)
            {
                var id = Ids.New("usr");
                await c.ExecuteAsync(InsertPerson, new
                {
                    Id = id,
                    Email = normalized,
                    DisplayName = FitDisplayName(string.IsNullOrWhiteSpace(displayName) ? normalized.Split('@')[0] : displayName.Trim()),
                    PasswordHash = password is null ? null : Hasher.HashPassword(new PersonRow(), password),
                    Now = clock.GetUtcNow(),
                }, tx, ct);
            }
            else if (password is not null)
            {
                await c.ExecuteAsync(SetPassword, new { person.Id, PasswordHash = Hasher.HashPassword(person, password) }, tx, ct);
            }

            person = (await c.QuerySingleOrDefaultAsync<PersonRow>(FindByEmail, new { Email = normalized }, tx, ct))!;
            await c.ExecuteAsync(UpsertMembership, new { PersonId = person.Id, WorkspaceId = workspaceId, Role = role, Now = clock.GetUtcNow() }, tx, ct);
            return person;
        }, ct);
    }

    public async Task<IReadOnlyList<MembershipView>> MembershipsAsync(string personId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<MembershipView>(Memberships, new { PersonId = personId }, ct: ct)).ToList();
    }

    /// <summary>The person's role in the workspace, or null when they are not (or no longer) a member.</summary>
    public async Task<string?> RoleAsync(string personId, string workspaceId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<string>(Membership, new { PersonId = personId, WorkspaceId = workspaceId }, ct: ct);
    }

    public async Task<IReadOnlyList<MemberView>> MembersAsync(string workspaceId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<MemberView>(Members, new { WorkspaceId = workspaceId }, ct: ct)).ToList();
    }

    /// <summary>The people and invitations of these ids that the workspace may name (invitations: its own only).</summary>
    public async Task<IReadOnlyList<NamedRow>> NamedAsync(string workspaceId, IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<NamedRow>(Named, new { WorkspaceId = workspaceId, Ids = System.Text.Json.JsonSerializer.Serialize(ids) }, ct: ct)).ToList();
    }

    /// <summary>
    /// Sign-ins, failed sign-ins, invitations and role changes, in the workspace's audit log. People are named by id (the
    /// actor: a person's id; the entity: a person's or an invitation's id), never by e-mail or name, in ids and details.
    /// </summary>
    public Task RecordAsync(string workspaceId, string actor, string action, string entityType, string entityId, object? details = null, CancellationToken ct = default) =>
        db.InTransactionAsync((c, tx) => Platform.Audit.AuditLog.WriteAsync(c, tx, clock, workspaceId, actor, action, entityType, entityId, details, ct), ct);

    public async Task RemoveMemberAsync(string personId, string workspaceId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(DeleteMembership, new { PersonId = personId, WorkspaceId = workspaceId }, ct: ct);
    }

    public async Task ChangeRoleAsync(string personId, string workspaceId, string role, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(UpsertMembership, new { PersonId = personId, WorkspaceId = workspaceId, Role = role, Now = clock.GetUtcNow() }, ct: ct);
    }
}
