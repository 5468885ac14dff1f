using System.Text.Json.Serialization;

namespace Hub.Sources.Portal;

// Wire formats of the National Public Service Portal (Cổng DVCQG) as the hub reads them. Field names are the
// portal's own (Vietnamese, PascalCase); see docs/sources.md for what is known and what the hub chose.

// The envelope of every page ({error_code, message, data, con_tiep, sau}) is read by FeedClient, record by record.

/// <summary>A dossier sync record (HoSoDongBoDVC). Dates are yyyyMMddHHmmss in Vietnam time.</summary>
public sealed class HoSoDongBo
{
    public string? MaHoSo { get; set; }
    public string? MaTTHC { get; set; }
    public string? TenTTHC { get; set; }
    public string? MaDonVi { get; set; }
    public string? DonViXuLy { get; set; }
    /// <summary>1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích; null counts as direct.</summary>
    public int? KenhThucHien { get; set; }
    /// <summary>Applicant's name: personal data, never stored in clear.</summary>
    public string? ChuHoSo { get; set; }
    /// <summary>1 công dân, 2 doanh nghiệp, 3 cơ quan nhà nước, 4 tổ chức khác.</summary>
    public int? LoaiDoiTuong { get; set; }
    /// <summary>Citizen id (CCCD) or enterprise code of the applicant: personal data for citizens, never stored in clear.</summary>
    public string? MaDoiTuong { get; set; }
    public string? NgayNopHoSo { get; set; }
    public string? NgayTiepNhan { get; set; }
    public string? NgayHenTra { get; set; }
    public string? NgayKetThucXuLy { get; set; }
    public string? NgayTra { get; set; }
    /// <summary>1..10: Mới đăng ký ... 9 Đã xử lý xong, 10 Đã trả kết quả.</summary>
    public int? TrangThaiHoSo { get; set; }
    public List<LePhi>? DanhSachLePhi { get; set; }
    /// <summary>1 paid online on the portal, 2 via the ministry's payment gateway, 3 not paid online.</summary>
    public int? DuocThanhToanTrucTuyen { get; set; }
    /// <summary>1 when components were digitized at reception.</summary>
    public int? HoSoCoThanhPhanSoHoa { get; set; }
    public int? TaiKhoanDuocXacThucVoiVNeID { get; set; }
    public List<KetNoiCsdl>? DSKetNoiCSDL { get; set; }
    public List<GiayToKetQua>? DanhSachGiayToKetQua { get; set; }
    /// <summary>When the record first reached the portal.</summary>
    public string? NgayDongBo { get; set; }
    /// <summary>The portal's update time of this version of the record: the version the hub keeps the latest of.</summary>
    public string? NgayCapNhat { get; set; }
}

public sealed class LePhi
{
    public string? MaPhiLePhi { get; set; }
    public string? TenPhiLePhi { get; set; }
    public decimal? Gia { get; set; }
}

public sealed class KetNoiCsdl
{
    public string? MaCSDL { get; set; }
}

public sealed class GiayToKetQua
{
    public string? TenGiayTo { get; set; }
    public string? MaGiayToKetQua { get; set; }
    public string? DuongDanTepTinKetQua { get; set; }
}

/// <summary>A procedure of the national procedure database (CSDL quốc gia về TTHC).</summary>
public sealed class ThuTucHanhChinh
{
    public string? MaTTHC { get; set; }
    public string? TenTTHC { get; set; }
    public string? MaDonVi { get; set; }
    public string? NgayHieuLuc { get; set; }
    public string? NgayHetHieuLuc { get; set; }
    public string? NgayQuyetDinhCoHieuLuc { get; set; }
    public string? NgayCongKhai { get; set; }
    /// <summary>1 when every part the procedure must publish is published.</summary>
    public int? DayDu { get; set; }
    /// <summary>Online public service level: 0 none, 1 một phần (partial), 2 toàn trình (full).</summary>
    public int? MucDoDVCTT { get; set; }
    public string? NgayCapNhat { get; set; }
}

/// <summary>An agency of the portal's agency catalogue (LayDanhMucCoQuan).</summary>
public sealed class CoQuan
{
    public string? MaCoQuan { get; set; }
    public string? TenCoQuan { get; set; }
    public string? MaCoQuanCha { get; set; }
    public string? NgayCapNhat { get; set; }
}

/// <summary>A satisfaction rating of a dossier's handling (the portal's DongBoDanhGia; payload not published: see docs/sources.md).</summary>
public sealed class DanhGiaHaiLong
{
    public string? MaDanhGia { get; set; }
    public string? MaHoSo { get; set; }
    public string? MaDonVi { get; set; }
    public string? NgayDanhGia { get; set; }
    /// <summary>1 rất hài lòng, 2 hài lòng, 3 bình thường, 4 không hài lòng.</summary>
    public int? MucDoHaiLong { get; set; }
    public string? NgayCapNhat { get; set; }
}

/// <summary>A feedback or petition item (phản ánh, kiến nghị — PAKN) addressed to a unit.</summary>
public sealed class PhanAnhKienNghi
{
    public string? MaPAKN { get; set; }
    public string? MaDonVi { get; set; }
    public string? TieuDe { get; set; }
    /// <summary>Sender's name: personal data, never stored in clear.</summary>
    public string? NguoiGui { get; set; }
    public string? NgayTiepNhan { get; set; }
    public string? HanXuLy { get; set; }
    public string? NgayTraLoi { get; set; }
    public string? NgayCapNhat { get; set; }
}
