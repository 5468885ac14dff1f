using Hub.Domain.Evidence;
using Hub.Domain.Units;

namespace Hub.Sources.Portal;

/// <summary>The one place where portal records become domain records. Each rule that can fail says which field and why.</summary>
public sealed class PortalMapper(PersonalDataHasher hasher)
{
    /// <summary>Fields of portal records that carry personal data.</summary>
    public static readonly IReadOnlySet<string> PersonalFields = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(HoSoDongBo.ChuHoSo), nameof(HoSoDongBo.MaDoiTuong), "SoDinhDanh", "HoVaTen", "SoGiayToChuHoSo", "SoDienThoai", "Email",
        nameof(PhanAnhKienNghi.NguoiGui),
    };

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = false };

    public MapResult<DossierSnapshot> MapDossier(JsonElement element)
    {
        if (!TryDeserialize<HoSoDongBo>(element, out var r, out var error, out var id, nameof(HoSoDongBo.MaHoSo))) return MapResult<DossierSnapshot>.Bad(id, error);
        var rec = r!;
        if (string.IsNullOrWhiteSpace(rec.MaHoSo)) return MapResult<DossierSnapshot>.Bad(null, "MaHoSo is missing");
        var bad = (string reason) => MapResult<DossierSnapshot>.Bad(rec.MaHoSo, reason);
        if (string.IsNullOrWhiteSpace(rec.MaTTHC)) return bad("MaTTHC is missing");
        var unit = !string.IsNullOrWhiteSpace(rec.MaDonVi) ? rec.MaDonVi : rec.DonViXuLy;
        if (string.IsNullOrWhiteSpace(unit)) return bad("MaDonVi and DonViXuLy are both missing");
        if (!PortalTime.TryParse(rec.NgayCapNhat, out var version)) return bad($"NgayCapNhat '{rec.NgayCapNhat}' is not a yyyyMMddHHmmss time");
        // Registered online but not (yet) received, or refused at reception: well-formed, and not a dossier the index counts.
        if (string.IsNullOrEmpty(rec.NgayTiepNhan) && rec.TrangThaiHoSo is 1 or 3)
            return MapResult<DossierSnapshot>.Skip(rec.MaHoSo, $"not received (TrangThaiHoSo {rec.TrangThaiHoSo})");
        if (!PortalTime.TryParse(rec.NgayTiepNhan, out var received)) return bad($"NgayTiepNhan '{rec.NgayTiepNhan}' is not a yyyyMMddHHmmss time");
        if (!Optional(rec.NgayHenTra, out var due)) return bad($"NgayHenTra '{rec.NgayHenTra}' is not a yyyyMMddHHmmss time");
        if (!Optional(rec.NgayKetThucXuLy, out var finished)) return bad($"NgayKetThucXuLy '{rec.NgayKetThucXuLy}' is not a yyyyMMddHHmmss time");
        if (!Optional(rec.NgayNopHoSo, out var submitted)) return bad($"NgayNopHoSo '{rec.NgayNopHoSo}' is not a yyyyMMddHHmmss time");
        if (!Optional(rec.NgayDongBo, out var synced)) return bad($"NgayDongBo '{rec.NgayDongBo}' is not a yyyyMMddHHmmss time");
        if (rec.TrangThaiHoSo is not (>= 1 and <= 10)) return bad($"TrangThaiHoSo '{rec.TrangThaiHoSo}' is not a status code 1..10");
        Channel channel;
        switch (rec.KenhThucHien)
        {
            case null or 1: channel = Channel.Direct; break;
            case 2: channel = Channel.Online; break;
            case 3: channel = Channel.Postal; break;
            default: return bad($"KenhThucHien '{rec.KenhThucHien}' is not 1, 2 or 3");
        }
        if (finished is { } f && f < received) return bad("NgayKetThucXuLy is before NgayTiepNhan");

        var dossier = new Dossier(
            Id: rec.MaHoSo,
            UnitCode: unit,
            ProcedureCode: rec.MaTTHC,
            Channel: channel,
            ReceivedAt: received,
            DueAt: due,
            FinishedAt: finished,
            PortalSyncedAt: synced,
            FeeRequired: rec.DanhSachLePhi?.Any(p => p.Gia > 0) == true,
            PaidOnline: rec.DuocThanhToanTrucTuyen is 1 or 2,
            Digitized: rec.HoSoCoThanhPhanSoHoa == 1,
            ElectronicResult: rec.DanhSachGiayToKetQua?.Any(g => !string.IsNullOrWhiteSpace(g.DuongDanTepTinKetQua)) == true,
            ReusedData: DataReuse.FlaggedByPortal(rec.TaiKhoanDuocXacThucVoiVNeID == 1, rec.DSKetNoiCSDL?.Any(k => !string.IsNullOrWhiteSpace(k.MaCSDL)) == true),
            SubmittedAt: submitted);
        return MapResult<DossierSnapshot>.Good(rec.MaHoSo,
            new DossierSnapshot(dossier, rec.TrangThaiHoSo.Value, rec.LoaiDoiTuong, hasher.HashOrNull(rec.MaDoiTuong), rec.TenTTHC),
            version);
    }

    public MapResult<Procedure> MapProcedure(JsonElement element)
    {
        if (!TryDeserialize<ThuTucHanhChinh>(element, out var r, out var error, out var id, nameof(ThuTucHanhChinh.MaTTHC))) return MapResult<Procedure>.Bad(id, error);
        var rec = r!;
        if (string.IsNullOrWhiteSpace(rec.MaTTHC)) return MapResult<Procedure>.Bad(null, "MaTTHC is missing");
        var bad = (string reason) => MapResult<Procedure>.Bad(rec.MaTTHC, reason);
        if (string.IsNullOrWhiteSpace(rec.MaDonVi)) return bad("MaDonVi is missing");
        if (!PortalTime.TryParse(rec.NgayCapNhat, out var version)) return bad($"NgayCapNhat '{rec.NgayCapNhat}' is not a yyyyMMddHHmmss time");
        if (!PortalTime.TryParse(rec.NgayHieuLuc, out var from)) return bad($"NgayHieuLuc '{rec.NgayHieuLuc}' is not a yyyyMMddHHmmss time");
        if (!Optional(rec.NgayHetHieuLuc, out var to)) return bad($"NgayHetHieuLuc '{rec.NgayHetHieuLuc}' is not a yyyyMMddHHmmss time");
        if (!Optional(rec.NgayQuyetDinhCoHieuLuc, out var decision)) return bad($"NgayQuyetDinhCoHieuLuc '{rec.NgayQuyetDinhCoHieuLuc}' is not a yyyyMMddHHmmss time");
        if (!Optional(rec.NgayCongKhai, out var published)) return bad($"NgayCongKhai '{rec.NgayCongKhai}' is not a yyyyMMddHHmmss time");
        var level = rec.MucDoDVCTT switch { null or 0 => OnlineLevel.None, 1 => OnlineLevel.Partial, 2 => OnlineLevel.Full, _ => (OnlineLevel?)null };
        if (level is null) return bad($"MucDoDVCTT '{rec.MucDoDVCTT}' is not 0, 1 or 2");
        return MapResult<Procedure>.Good(rec.MaTTHC, new Procedure(rec.MaTTHC, rec.MaDonVi, from, to, decision, published, rec.DayDu == 1, level.Value), version);
    }

    public MapResult<Unit> MapAgency(JsonElement element)
    {
        if (!TryDeserialize<CoQuan>(element, out var r, out var error, out var id, nameof(CoQuan.MaCoQuan))) return MapResult<Unit>.Bad(id, error);
        var rec = r!;
        if (string.IsNullOrWhiteSpace(rec.MaCoQuan)) return MapResult<Unit>.Bad(null, "MaCoQuan is missing");
        if (string.IsNullOrWhiteSpace(rec.TenCoQuan)) return MapResult<Unit>.Bad(rec.MaCoQuan, "TenCoQuan is missing");
        if (!PortalTime.TryParse(rec.NgayCapNhat, out var version)) return MapResult<Unit>.Bad(rec.MaCoQuan, $"NgayCapNhat '{rec.NgayCapNhat}' is not a yyyyMMddHHmmss time");
        return MapResult<Unit>.Good(rec.MaCoQuan, new Unit(rec.MaCoQuan, rec.TenCoQuan, string.IsNullOrWhiteSpace(rec.MaCoQuanCha) ? null : rec.MaCoQuanCha), version);
    }

    public MapResult<Rating> MapRating(JsonElement element)
    {
        if (!TryDeserialize<DanhGiaHaiLong>(element, out var r, out var error, out var id, nameof(DanhGiaHaiLong.MaDanhGia))) return MapResult<Rating>.Bad(id, error);
        var rec = r!;
        if (string.IsNullOrWhiteSpace(rec.MaDanhGia)) return MapResult<Rating>.Bad(null, "MaDanhGia is missing");
        var bad = (string reason) => MapResult<Rating>.Bad(rec.MaDanhGia, reason);
        if (string.IsNullOrWhiteSpace(rec.MaHoSo)) return bad("MaHoSo is missing");
        if (string.IsNullOrWhiteSpace(rec.MaDonVi)) return bad("MaDonVi is missing");
        if (!PortalTime.TryParse(rec.NgayCapNhat, out var version)) return bad($"NgayCapNhat '{rec.NgayCapNhat}' is not a yyyyMMddHHmmss time");
        if (!PortalTime.TryParse(rec.NgayDanhGia, out var at)) return bad($"NgayDanhGia '{rec.NgayDanhGia}' is not a yyyyMMddHHmmss time");
        RatingLevel? level = rec.MucDoHaiLong switch { 1 => RatingLevel.VerySatisfied, 2 => RatingLevel.Satisfied, 3 => RatingLevel.Neutral, 4 => RatingLevel.Dissatisfied, _ => null };
        if (level is null) return bad($"MucDoHaiLong '{rec.MucDoHaiLong}' is not 1, 2, 3 or 4");
        // The rating's own id keys it; the domain record names the dossier it rates.
        return MapResult<Rating>.Good(rec.MaDanhGia, new Rating(rec.MaHoSo, rec.MaDonVi, at, level.Value), version);
    }

    public MapResult<FeedbackItem> MapFeedback(JsonElement element)
    {
        if (!TryDeserialize<PhanAnhKienNghi>(element, out var r, out var error, out var id, nameof(PhanAnhKienNghi.MaPAKN))) return MapResult<FeedbackItem>.Bad(id, error);
        var rec = r!;
        if (string.IsNullOrWhiteSpace(rec.MaPAKN)) return MapResult<FeedbackItem>.Bad(null, "MaPAKN is missing");
        var bad = (string reason) => MapResult<FeedbackItem>.Bad(rec.MaPAKN, reason);
        if (string.IsNullOrWhiteSpace(rec.MaDonVi)) return bad("MaDonVi is missing");
        if (!PortalTime.TryParse(rec.NgayCapNhat, out var version)) return bad($"NgayCapNhat '{rec.NgayCapNhat}' is not a yyyyMMddHHmmss time");
        if (!PortalTime.TryParse(rec.NgayTiepNhan, out var received)) return bad($"NgayTiepNhan '{rec.NgayTiepNhan}' is not a yyyyMMddHHmmss time");
        if (!PortalTime.TryParse(rec.HanXuLy, out var due)) return bad($"HanXuLy '{rec.HanXuLy}' is not a yyyyMMddHHmmss time");
        if (!Optional(rec.NgayTraLoi, out var answered)) return bad($"NgayTraLoi '{rec.NgayTraLoi}' is not a yyyyMMddHHmmss time");
        if (due < received) return bad("HanXuLy is before NgayTiepNhan");
        return MapResult<FeedbackItem>.Good(rec.MaPAKN, new FeedbackItem(rec.MaPAKN, rec.MaDonVi, received, due, answered), version);
    }

    internal static bool Optional(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (!PortalTime.TryParse(text, out var v)) return false;
        value = v;
        return true;
    }

    internal static bool TryDeserialize<T>(JsonElement element, out T? value, out string error, out string? id, string idField)
    {
        value = default;
        id = element.ValueKind == JsonValueKind.Object && element.TryGetProperty(idField, out var idProp) && idProp.ValueKind == JsonValueKind.String ? idProp.GetString() : null;
        if (element.ValueKind != JsonValueKind.Object) { error = "record is not a JSON object"; return false; }
        try
        {
            value = element.Deserialize<T>(Json);
            error = "";
            return value is not null;
        }
        catch (JsonException e)
        {
            error = $"malformed field {e.Path?.TrimStart('$', '.')}: {e.Message.Split(". Path:", 2)[0]}";
            return false;
        }
    }
}
