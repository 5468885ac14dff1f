namespace Hub.Simulators.Portal;

/// <summary>Realistic Vietnamese place and person names for synthetic data.</summary>
internal static class VietnameseNames
{
    public static readonly string[] Provinces =
    [
        "Hà Nội", "TP Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Quảng Ninh", "Gia Lai", "Đồng Tháp", "Phú Thọ", "Đồng Nai",
        "Tây Ninh", "Khánh Hòa", "Nghệ An", "Thanh Hóa", "Lâm Đồng", "Đắk Lắk", "Huế", "An Giang", "Lào Cai", "Ninh Bình",
        "Hưng Yên", "Bắc Ninh", "Thái Nguyên", "Tuyên Quang", "Lạng Sơn", "Sơn La", "Điện Biên", "Lai Châu", "Cao Bằng", "Quảng Trị",
        "Quảng Ngãi", "Vĩnh Long", "Cà Mau", "Hà Tĩnh",
    ];

    /// <summary>The centrally-run cities (thành phố trực thuộc trung ương) since the 2025 reorganisation.</summary>
    private static readonly HashSet<string> CentrallyRunCities = new(["Hà Nội", "TP Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"], StringComparer.Ordinal);

    /// <summary>A province or city as an administrative name says it: "TP Hà Nội", "TP Hồ Chí Minh", "tỉnh Gia Lai".</summary>
    public static string Locality(string province) =>
        province.StartsWith("TP ", StringComparison.Ordinal) ? province : CentrallyRunCities.Contains(province) ? $"TP {province}" : $"tỉnh {province}";

    /// <summary>I, II, III ... for the regional units (khu vực) of Customs and the State Treasury since 2025.</summary>
    public static string Roman(int n)
    {
        var (values, numerals) = (new[] { 1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1 }, new[] { "M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I" });
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < values.Length; i++)
            while (n >= values[i]) { sb.Append(numerals[i]); n -= values[i]; }
        return sb.ToString();
    }

    public static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
    public static readonly string[] MiddleNames = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Hoài", "Gia"];
    public static readonly string[] GivenNames = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến"];

    public static readonly string[] Companies = ["Công ty TNHH Thương mại", "Công ty Cổ phần Xây dựng", "Công ty TNHH Xuất nhập khẩu", "Công ty Cổ phần Công nghệ", "Hợp tác xã Nông nghiệp"];

    public static readonly (string Name, string Kind)[] Procedures =
    [
        ("Đăng ký thuế lần đầu", "Thuế"), ("Hoàn thuế giá trị gia tăng", "Thuế"), ("Khai quyết toán thuế thu nhập cá nhân", "Thuế"),
        ("Cấp mã số thuế cho cá nhân", "Thuế"), ("Miễn, giảm thuế sử dụng đất phi nông nghiệp", "Thuế"),
        ("Khai hải quan hàng hóa xuất khẩu", "Hải quan"), ("Đăng ký tờ khai hải quan", "Hải quan"), ("Xác định trước mã số hàng hóa", "Hải quan"),
        ("Mở tài khoản tại Kho bạc Nhà nước", "Kho bạc"), ("Kiểm soát chi thường xuyên", "Kho bạc"),
        ("Thẩm định giá tài sản công", "Tài chính"), ("Đăng ký giá", "Tài chính"), ("Quyết toán vốn đầu tư dự án hoàn thành", "Tài chính"),
    ];
}
