using Hub.Domain.Evidence;
using Hub.Sources.Portal;

namespace Hub.Sources.Registries;

/// <summary>The one place where sharing-log records become SharingRecords: identities hashed, times validated.</summary>
public sealed class RegistryMapper(PersonalDataHasher hasher)
{
    public static readonly IReadOnlySet<string> PersonalFields = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(NhatKyKhaiThacDanCu.SoDinhDanh), nameof(NhatKyKhaiThacDanCu.HoVaTen),
    };

    public MapResult<SharingRecord> MapPopulation(JsonElement element)
    {
        if (!PortalMapper.TryDeserialize<NhatKyKhaiThacDanCu>(element, out var r, out var error, out var id, nameof(NhatKyKhaiThacDanCu.MaYeuCau))) return MapResult<SharingRecord>.Bad(id, error);
        var rec = r!;
        if (Common(rec.MaYeuCau, rec.MaDonVi, rec.MaHoSo, rec.ThoiDiem, out var at) is { } problem) return MapResult<SharingRecord>.Bad(rec.MaYeuCau, problem);
        if (string.IsNullOrWhiteSpace(rec.SoDinhDanh) || rec.SoDinhDanh.Length is not (9 or 12) || !rec.SoDinhDanh.All(char.IsAsciiDigit))
            return MapResult<SharingRecord>.Bad(rec.MaYeuCau, "SoDinhDanh is missing or not a 9- or 12-digit identity number");
        return MapResult<SharingRecord>.Good(rec.MaYeuCau!,
            new SharingRecord(SharingRecord.Population, rec.MaYeuCau!, rec.MaDonVi!, rec.MaHoSo!, hasher.Hash(rec.SoDinhDanh), rec.TonTai ?? true, at, null), at);
    }

    public MapResult<SharingRecord> MapBusiness(JsonElement element)
    {
        if (!PortalMapper.TryDeserialize<NhatKyKhaiThacDoanhNghiep>(element, out var r, out var error, out var id, nameof(NhatKyKhaiThacDoanhNghiep.MaYeuCau))) return MapResult<SharingRecord>.Bad(id, error);
        var rec = r!;
        if (Common(rec.MaYeuCau, rec.MaDonVi, rec.MaHoSo, rec.ThoiDiem, out var at) is { } problem) return MapResult<SharingRecord>.Bad(rec.MaYeuCau, problem);
        if (string.IsNullOrWhiteSpace(rec.MaSoDoanhNghiep) || rec.MaSoDoanhNghiep.Replace("-", "").Length is not (10 or 13))
            return MapResult<SharingRecord>.Bad(rec.MaYeuCau, "MaSoDoanhNghiep is missing or not a 10- or 13-digit enterprise code");
        if (rec.TinhTrang is not (null or 1 or 2 or 3)) return MapResult<SharingRecord>.Bad(rec.MaYeuCau, $"TinhTrang '{rec.TinhTrang}' is not 1, 2 or 3");
        return MapResult<SharingRecord>.Good(rec.MaYeuCau!,
            new SharingRecord(SharingRecord.Business, rec.MaYeuCau!, rec.MaDonVi!, rec.MaHoSo!, hasher.Hash(rec.MaSoDoanhNghiep), true, at, rec.TinhTrang), at);
    }

    private static string? Common(string? requestId, string? unit, string? dossier, string? time, out DateTimeOffset at)
    {
        at = default;
        if (string.IsNullOrWhiteSpace(requestId)) return "MaYeuCau is missing";
        if (string.IsNullOrWhiteSpace(unit)) return "MaDonVi is missing";
        if (string.IsNullOrWhiteSpace(dossier)) return "MaHoSo is missing";
        return PortalTime.TryParse(time, out at) ? null : $"ThoiDiem '{time}' is not a yyyyMMddHHmmss time";
    }
}
