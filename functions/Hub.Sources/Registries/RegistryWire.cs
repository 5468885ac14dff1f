namespace Hub.Sources.Registries;

// Sharing logs of the national population database (CSDLQG về dân cư) and the national business registration
// database (CSDLQG về đăng ký doanh nghiệp): which unit looked up which citizen / enterprise for which dossier.
// The real interfaces (SOAP via NDXP/LGSP) are not public in this form: see docs/sources.md for the choices.

/// <summary>One look-up in the population database on behalf of a dossier.</summary>
public sealed class NhatKyKhaiThacDanCu
{
    public string? MaYeuCau { get; set; }
    public string? MaDonVi { get; set; }
    public string? MaHoSo { get; set; }
    /// <summary>Citizen identity number (CCCD, 12 digits): personal data, hashed before anything is stored.</summary>
    public string? SoDinhDanh { get; set; }
    /// <summary>Citizen's name as returned: personal data, never stored.</summary>
    public string? HoVaTen { get; set; }
    /// <summary>Whether the look-up found the citizen (KetQuaXacThuc.TonTai).</summary>
    public bool? TonTai { get; set; }
    public string? ThoiDiem { get; set; }
}

/// <summary>One look-up in the business registration database on behalf of a dossier, with the enterprise's status.</summary>
public sealed class NhatKyKhaiThacDoanhNghiep
{
    public string? MaYeuCau { get; set; }
    public string? MaDonVi { get; set; }
    public string? MaHoSo { get; set; }
    /// <summary>Enterprise code (mã số doanh nghiệp, 10 or 13 digits).</summary>
    public string? MaSoDoanhNghiep { get; set; }
    /// <summary>Enterprise status: 1 đang hoạt động, 2 tạm ngừng, 3 giải thể / chấm dứt.</summary>
    public int? TinhTrang { get; set; }
    public string? ThoiDiem { get; set; }
}
