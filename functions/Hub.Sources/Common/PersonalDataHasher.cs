using System.Security.Cryptography;
using System.Text;

namespace Hub.Sources.Common;

/// <summary>Replaces personal data (citizen ids, names) by a keyed hash, HMAC-SHA256 with a secret key from
/// configuration / Key Vault (Decree 13/2023/NĐ-CP). The same input always gives the same hash, so joins
/// between sources still work, but nobody without the key can test a guessed id against it.</summary>
public sealed class PersonalDataHasher
{
    public const string Prefix = "h1:";
    private readonly byte[] _key;

    public PersonalDataHasher(string base64Key)
    {
        if (string.IsNullOrWhiteSpace(base64Key))
            throw new InvalidOperationException("The personal-data hashing key is not configured (setting PersonalData:HashKey, base64, at least 32 bytes).");
        try { _key = Convert.FromBase64String(base64Key); }
        catch (FormatException) { throw new InvalidOperationException("The personal-data hashing key (PersonalData:HashKey) is not valid base64."); }
        if (_key.Length < 32) throw new InvalidOperationException("The personal-data hashing key (PersonalData:HashKey) must be at least 32 bytes.");
    }

    /// <summary>Hash of an identifier, normalised (trimmed, upper case) so formatting differences do not break joins.</summary>
    public string Hash(string value)
    {
        var normalised = value.Trim().ToUpperInvariant();
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(normalised), mac);
        return Prefix + Convert.ToHexStringLower(mac[..16]);
    }

    public string? HashOrNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : Hash(value);
}
