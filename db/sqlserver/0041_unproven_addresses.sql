-- Migration 0039 marked every person without a password as having a proven address, on the guess that they came in by
-- single sign-on. They may not have: before 0039 single sign-on matched people by an e-mail claim that the provider did not
-- always verify (TrustUnverifiedEmail), and an operator could add a person without a password. A proven address lets a
-- new single sign-on identity attach itself to that person, so a guess is not enough: the guessed proofs (the creation
-- time, no identity linked since) are withdrawn. Such a person proves the address by a mailed link (forgot password).
UPDATE dbo.platform_people SET email_verified_at = NULL
WHERE password_hash IS NULL AND email_verified_at = created_at
    AND NOT EXISTS (SELECT 1 FROM dbo.platform_person_logins l WHERE l.person_id = dbo.platform_people.id);
