using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Domain.Periods;
using Hub.Sources.Common;
using Hub.Sources.Portal;

namespace Hub.Simulators.Portal;

/// <summary>Synthetic portal data, the same for the same scale: the MoF unit tree, its procedures, and a log of
/// dossier versions (a dossier appears once per status change), in the portal's own wire format. Each record is held
/// as its UTF-8 JSON (about 1 KB), not as a tree of nodes (about five times that): a million dossiers are four million
/// records.</summary>
public sealed partial class PortalDataSet
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public required IReadOnlyList<FeedRecord> Agencies { get; init; }
    public required IReadOnlyList<FeedRecord> Procedures { get; init; }
    public required IReadOnlyList<FeedRecord> Dossiers { get; init; }
    /// <summary>The dossiers as the portal itself holds them, before the feed's injected corruptions: what its own
    /// evaluation counts.</summary>
    public required IReadOnlyList<FeedRecord> PortalDossiers { get; init; }
    public required IReadOnlyList<FeedRecord> Ratings { get; init; }
    public required IReadOnlyList<FeedRecord> Feedback { get; init; }
    public required IReadOnlyList<FeedRecord> PopulationLog { get; init; }
    public required IReadOnlyList<FeedRecord> BusinessLog { get; init; }

    /// <summary>Clear citizen ids and names the data set contains: tests scan storage and logs for them.</summary>
    public required IReadOnlyList<string> PersonalValues { get; init; }

    public static PortalDataSet Generate(SyntheticScale scale)
    {
        var random = new Random(scale.Seed);
        var agencies = GenerateUnits(scale.Units);
        var procedures = GenerateProcedures(random, agencies, scale.Period);
        var personal = new List<string>();
        var extra = new Extras();
        var dossiers = GenerateDossiers(random, scale, agencies, procedures, personal, extra);
        var feedback = GenerateFeedback(random, scale, agencies, personal);
        // Its own random stream: the closed periods' data stay the same whether or not the running quarter is asked for.
        if (scale.RunningUntil is { } until) dossiers.AddRange(GenerateRunning(new Random(scale.Seed ^ 0x766), scale, until, agencies, procedures, personal));

        var feedAgencies = agencies.Select(a => FeedRecord.From(a.MaCoQuan!, a.MaCoQuan!, a.NgayCapNhat!, 0, ToJson(a))).ToList();
        var feedProcedures = procedures.Select(p => FeedRecord.From(p.MaTTHC!, p.MaDonVi!, p.NgayCapNhat!, 0, ToJson(p))).ToList();
        AddUnreceived(random, scale, dossiers);
        var truth = dossiers.ToList(); // what the portal itself holds: the feed's corruptions happen on the way out
        Spoil(random, scale.MalformedRate, dossiers);
        var sortedDossiers = Sorted(dossiers);
        Reorder(random, scale.OutOfOrderRate, sortedDossiers);
        return new PortalDataSet
        {
            Agencies = Sorted(feedAgencies),
            Procedures = Sorted(feedProcedures),
            Dossiers = sortedDossiers,
            PortalDossiers = truth,
            Ratings = Sorted(extra.Ratings),
            Feedback = Sorted(feedback),
            PopulationLog = Sorted(extra.Population),
            BusinessLog = Sorted(extra.Business),
            PersonalValues = personal,
        };
    }

    private static List<FeedRecord> Sorted(List<FeedRecord> records) =>
        records.OrderBy(r => r.UpdatedAt, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ThenBy(r => r.Sequence).ToList();

    private static byte[] ToJson<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Json);

    private static List<CoQuan> GenerateUnits(int count)
    {
        const string updated = "20250101080000";
        var units = new List<CoQuan> { new() { MaCoQuan = "G12", TenCoQuan = "Bộ Tài chính", NgayCapNhat = updated } };
        // The branches as they are named since the 2025 reorganisation: tax offices by province or centrally-run city
        // ("Thuế TP Hà Nội", "Thuế tỉnh Gia Lai"), customs and treasury by numbered region ("Chi cục Hải quan khu vực I").
        (string Code, string Name, Func<string, int, string>? Branch)[] departments =
        [
            ("G12.01", "Cục Thuế", (p, _) => $"Thuế {VietnameseNames.Locality(p)}"),
            ("G12.02", "Cục Hải quan", (_, i) => $"Chi cục Hải quan khu vực {VietnameseNames.Roman(i)}"),
            ("G12.03", "Kho bạc Nhà nước", (_, i) => $"Kho bạc Nhà nước khu vực {VietnameseNames.Roman(i)}"),
            ("G12.04", "Cục Dự trữ Nhà nước", (p, _) => $"Chi cục Dự trữ Nhà nước {p}"),
            ("G12.05", "Ủy ban Chứng khoán Nhà nước", null),
        ];
        foreach (var d in departments.Take(Math.Max(0, count - 1)))
            units.Add(new CoQuan { MaCoQuan = d.Code, TenCoQuan = d.Name, MaCoQuanCha = "G12", NgayCapNhat = updated });

        // Then provincial units, round-robin over the branches, then provincial Finance Departments (Sở Tài chính).
        var provinceIndex = 0;
        var branches = departments.Where(d => d.Branch is not null).ToArray();
        while (units.Count < count)
        {
            var province = VietnameseNames.Provinces[provinceIndex % VietnameseNames.Provinces.Length];
            var round = provinceIndex / VietnameseNames.Provinces.Length;
            foreach (var b in branches)
            {
                if (units.Count >= count) break;
                var code = $"{b.Code}.{provinceIndex + 1:D2}";
                units.Add(new CoQuan { MaCoQuan = code, TenCoQuan = $"{b.Branch!(province, provinceIndex + 1)}{(round > 0 ? $" ({round + 1})" : "")}", MaCoQuanCha = b.Code, NgayCapNhat = updated });
            }
            if (units.Count < count)
                units.Add(new CoQuan { MaCoQuan = $"H{provinceIndex + 1:D2}.13", TenCoQuan = $"Sở Tài chính {VietnameseNames.Locality(province)}{(round > 0 ? $" ({round + 1})" : "")}", MaCoQuanCha = "G12", NgayCapNhat = updated });
            provinceIndex++;
        }
        return units.Take(count).ToList();
    }

    private static List<ThuTucHanhChinh> GenerateProcedures(Random random, List<CoQuan> units, Period period)
    {
        var result = new List<ThuTucHanhChinh>();
        var serial = 10000;
        foreach (var unit in units.Where(u => u.MaCoQuanCha is not null))
        {
            var n = 2 + random.Next(3);
            for (var k = 0; k < n; k++)
            {
                var (name, _) = VietnameseNames.Procedures[random.Next(VietnameseNames.Procedures.Length)];
                var from = period.Start.AddDays(-random.Next(60, 900));
                DateTimeOffset? to = random.NextDouble() < 0.08 ? period.Start.AddDays(-random.Next(1, 30)) : null;
                DateTimeOffset? decision = random.NextDouble() < 0.85 ? from.AddDays(random.Next(0, 20)) : null;
                DateTimeOffset? published = decision?.AddDays(random.NextDouble() < 0.8 ? random.Next(0, 5) : random.Next(6, 30));
                var level = random.NextDouble() switch { < 0.2 => 0, < 0.6 => 1, _ => 2 };
                result.Add(new ThuTucHanhChinh
                {
                    MaTTHC = $"{1 + random.Next(2)}.{serial++:D6}",
                    TenTTHC = name,
                    MaDonVi = unit.MaCoQuan,
                    NgayHieuLuc = PortalTime.Write(from),
                    NgayHetHieuLuc = to is { } t ? PortalTime.Write(t) : null,
                    NgayQuyetDinhCoHieuLuc = decision is { } d ? PortalTime.Write(d) : null,
                    NgayCongKhai = published is { } p ? PortalTime.Write(p) : null,
                    DayDu = random.NextDouble() < 0.85 ? 1 : 0,
                    MucDoDVCTT = level,
                    NgayCapNhat = PortalTime.Write((published ?? from).AddHours(1)),
                });
            }
        }
        return result;
    }

    private sealed class Extras
    {
        public List<FeedRecord> Ratings { get; } = [];
        public List<FeedRecord> Population { get; } = [];
        public List<FeedRecord> Business { get; } = [];
    }

    private static List<FeedRecord> GenerateDossiers(Random random, SyntheticScale scale, List<CoQuan> units, List<ThuTucHanhChinh> procedures, List<string> personal, Extras extra)
    {
        var handling = units.Where(u => u.MaCoQuanCha is not null).ToList();
        if (handling.Count == 0) return [];
        var byUnit = procedures.GroupBy(p => p.MaDonVi!).ToDictionary(g => g.Key, g => g.ToList());
        var parentOf = units.Where(u => u.MaCoQuanCha is not null).ToDictionary(u => u.MaCoQuan!, u => u.MaCoQuanCha!);
        // Each unit has its own quality: how online, how punctual, how digitized it is.
        var quality = handling.ToDictionary(u => u.MaCoQuan!, _ => 0.35 + random.NextDouble() * 0.6);
        var records = new List<FeedRecord>();
        var previous = scale.Period.Previous;
        var total = scale.DossiersPerQuarter + scale.DossiersPerQuarter / 10; // plus some still open from the previous quarter

        for (var n = 0; n < total; n++)
        {
            var unit = handling[random.Next(handling.Count)];
            var code = unit.MaCoQuan!;
            var q = quality[code];
            var own = byUnit.GetValueOrDefault(code);
            var pool = own is { Count: > 0 } && (random.NextDouble() < 0.85 || !parentOf.TryGetValue(code, out var parent) || !byUnit.ContainsKey(parent))
                ? own ?? byUnit[parentOf[code]]
                : byUnit[parentOf[code]];
            var procedure = pool[random.Next(pool.Count)];

            var inPeriod = n < scale.DossiersPerQuarter;
            var period = inPeriod ? scale.Period : previous;
            var day = random.Next((int)(period.End - period.Start).TotalDays);
            var received = period.Start.AddDays(day).AddHours(7.5 + random.NextDouble() * 9.5);
            var due = received.AddDays(3 + random.Next(13));
            DateTimeOffset? finished = random.NextDouble() < (inPeriod ? 0.88 : 0.95)
                ? (random.NextDouble() < q * 0.95 + 0.05 ? received.AddHours(random.NextDouble() * (due - received).TotalHours) : due.AddDays(1 + random.Next(10)))
                : null;
            var synced = received.AddMinutes(random.NextDouble() < q * 0.9 + 0.08 ? 5 + random.Next(600) : 60 * (25 + random.Next(72)));
            var online = random.NextDouble() < q * (procedure.MucDoDVCTT > 0 ? 1.0 : 0.1);
            var channel = online ? 2 : random.NextDouble() < 0.9 ? 1 : 3;
            var (citizen, applicantId, applicantName) = Applicant(random, personal);
            var hasFee = random.NextDouble() < 0.6;
            var id = $"{code}-{received.ToOffset(VietnamTime.Offset):yyMMdd}-{n:D6}";

            HoSoDongBo Version(int status, DateTimeOffset updatedAt, bool final) => new()
            {
                MaHoSo = id,
                MaTTHC = procedure.MaTTHC,
                TenTTHC = procedure.TenTTHC,
                MaDonVi = code,
                DonViXuLy = code,
                KenhThucHien = channel,
                ChuHoSo = applicantName,
                LoaiDoiTuong = citizen ? 1 : 2,
                MaDoiTuong = applicantId,
                NgayNopHoSo = PortalTime.Write(received.AddMinutes(-random.Next(5, 300))),
                NgayTiepNhan = PortalTime.Write(received),
                NgayHenTra = PortalTime.Write(due),
                NgayKetThucXuLy = final && finished is { } f ? PortalTime.Write(f) : null,
                NgayTra = final && finished is { } f2 ? PortalTime.Write(f2.AddHours(2)) : null,
                TrangThaiHoSo = status,
                DanhSachLePhi = hasFee ? [new LePhi { MaPhiLePhi = "LP01", TenPhiLePhi = "Lệ phí", Gia = 50_000 * (1 + random.Next(10)) }] : [],
                DuocThanhToanTrucTuyen = hasFee ? (random.NextDouble() < q * 0.8 ? 1 + random.Next(2) : 3) : null,
                HoSoCoThanhPhanSoHoa = random.NextDouble() < q ? 1 : 0,
                TaiKhoanDuocXacThucVoiVNeID = online && random.NextDouble() < q ? 1 : 0,
                DSKetNoiCSDL = random.NextDouble() < q * 0.6 ? [new KetNoiCsdl { MaCSDL = citizen ? "DC" : "DKDN" }] : [],
                DanhSachGiayToKetQua = final && finished is not null && random.NextDouble() < q ? [new GiayToKetQua { TenGiayTo = "Kết quả", MaGiayToKetQua = $"KQ-{n:D6}", DuongDanTepTinKetQua = $"https://dichvucong.gov.vn/ketqua/{n:D6}.pdf" }] : [],
                NgayDongBo = PortalTime.Write(synced),
                NgayCapNhat = PortalTime.Write(updatedAt),
            };

            var seq = 0;
            records.Add(FeedRecord.From(id, code, PortalTime.Write(synced), seq++, ToJson(Version(2, synced, false))));
            var processingAt = received.AddHours(20);
            // Each version is stamped after the one before it (NgayCapNhat strictly increases), as the portal's own
            // status changes are: a dossier synced late still has its later statuses dated after the sync.
            var processingVersion = Later(processingAt, synced.AddMinutes(1));
            if (finished is null || finished > processingAt)
                records.Add(FeedRecord.From(id, code, PortalTime.Write(processingVersion), seq++, ToJson(Version(4, processingVersion, false))));
            if (finished is { } done)
            {
                var finalVersion = Later(done.AddMinutes(30), processingVersion.AddMinutes(1));
                records.Add(FeedRecord.From(id, code, PortalTime.Write(finalVersion), seq++, ToJson(Version(10, finalVersion, true))));
            }

            // The registries' sharing logs: the unit looked the applicant up for this dossier (reuse, not asked again).
            if (random.NextDouble() < q * 0.7)
            {
                var lookedUp = received.AddMinutes(random.Next(1, 90));
                var requestId = $"YC-{n:D7}";
                if (citizen)
                    extra.Population.Add(FeedRecord.From(requestId, code, PortalTime.Write(lookedUp), 0, ToJson(new Hub.Sources.Registries.NhatKyKhaiThacDanCu
                    {
                        MaYeuCau = requestId, MaDonVi = code, MaHoSo = id, SoDinhDanh = applicantId, HoVaTen = applicantName, TonTai = true, ThoiDiem = PortalTime.Write(lookedUp),
                    })));
                else
                    extra.Business.Add(FeedRecord.From(requestId, code, PortalTime.Write(lookedUp), 0, ToJson(new Hub.Sources.Registries.NhatKyKhaiThacDoanhNghiep
                    {
                        MaYeuCau = requestId, MaDonVi = code, MaHoSo = id, MaSoDoanhNghiep = applicantId, TinhTrang = random.NextDouble() < 0.95 ? 1 : 2, ThoiDiem = PortalTime.Write(lookedUp),
                    })));
            }
            // Satisfaction ratings of finished dossiers.
            if (finished is { } ratedDone && random.NextDouble() < 0.4)
            {
                var ratedAt = ratedDone.AddHours(1 + random.Next(72));
                var ratingId = $"DG-{n:D7}";
                var level = random.NextDouble() < q ? 1 + random.Next(2) : 3 + random.Next(2);
                extra.Ratings.Add(FeedRecord.From(ratingId, code, PortalTime.Write(ratedAt), 0, ToJson(new DanhGiaHaiLong
                {
                    MaDanhGia = ratingId, MaHoSo = id, MaDonVi = code, NgayDanhGia = PortalTime.Write(ratedAt), MucDoHaiLong = level, NgayCapNhat = PortalTime.Write(ratedAt),
                })));
            }
        }
        return records;
    }

    private static List<FeedRecord> GenerateFeedback(Random random, SyntheticScale scale, List<CoQuan> units, List<string> personal)
    {
        var handling = units.Where(u => u.MaCoQuanCha is not null).ToList();
        var records = new List<FeedRecord>();
        if (handling.Count == 0) return records;
        var count = Math.Max(1, scale.DossiersPerQuarter / 30);
        for (var n = 0; n < count; n++)
        {
            var unit = handling[random.Next(handling.Count)].MaCoQuan!;
            var received = scale.Period.Start.AddDays(random.Next((int)(scale.Period.End - scale.Period.Start).TotalDays)).AddHours(8 + random.Next(9));
            var due = received.AddDays(15);
            DateTimeOffset? answered = random.NextDouble() < 0.85 ? received.AddDays(random.Next(1, 22)) : null;
            var sender = $"{Pick(random, VietnameseNames.FamilyNames)} {Pick(random, VietnameseNames.MiddleNames)} {Pick(random, VietnameseNames.GivenNames)}";
            personal.Add(sender);
            var id = $"PAKN-{n:D6}";
            var updated = answered ?? received;
            records.Add(FeedRecord.From(id, unit, PortalTime.Write(updated), 0, ToJson(new PhanAnhKienNghi
            {
                MaPAKN = id, MaDonVi = unit, TieuDe = "Phản ánh về thời gian giải quyết hồ sơ", NguoiGui = sender,
                NgayTiepNhan = PortalTime.Write(received), HanXuLy = PortalTime.Write(due), NgayTraLoi = answered is { } a ? PortalTime.Write(a) : null,
                NgayCapNhat = PortalTime.Write(updated),
            })));
        }
        return records;
    }

    /// <summary>Makes the feed serve some dossiers' final version before an earlier one (as a portal fed by several
    /// one-stop systems does): the paging keys are swapped, the records keep their true NgayCapNhat.</summary>
    private static void Reorder(Random random, double rate, List<FeedRecord> feed)
    {
        if (rate <= 0) return;
        var byId = feed.Select((r, i) => (r, i)).GroupBy(x => x.r.Id).Where(g => g.Count() >= 2).ToList();
        foreach (var group in byId)
        {
            if (random.NextDouble() >= rate) continue;
            var (first, i) = group.First();
            var (last, j) = group.Last();
            feed[i] = last with { UpdatedAt = first.UpdatedAt, Sequence = first.Sequence };
            feed[j] = first with { UpdatedAt = last.UpdatedAt, Sequence = last.Sequence };
        }
    }

    /// <summary>Online registrations the units have not received (TrangThaiHoSo 1) or refused (3): no NgayTiepNhan.</summary>
    private static void AddUnreceived(Random random, SyntheticScale scale, List<FeedRecord> records)
    {
        var received = records.Where(r => r.Sequence == 0).Take(Math.Max(1, scale.DossiersPerQuarter / 100)).ToList();
        foreach (var r in received)
        {
            var node = r.Record;
            var id = r.Id + "-DK";
            node["MaHoSo"] = id;
            node["NgayTiepNhan"] = null;
            node["NgayHenTra"] = null;
            node["NgayDongBo"] = null;
            node["TrangThaiHoSo"] = random.Next(2) == 0 ? 1 : 3;
            records.Add(r with { Id = id, Json = ToJson(node) });
        }
    }

    /// <summary>Spoils a fraction of dossier records the ways real feeds go wrong, to exercise quarantine.</summary>
    private static void Spoil(Random random, double rate, List<FeedRecord> records)
    {
        if (rate <= 0) return;
        for (var i = 0; i < records.Count; i++)
        {
            if (random.NextDouble() >= rate) continue;
            var node = records[i].Record;
            if (node["NgayTiepNhan"] is null) continue; // unreceived registrations are a scenario of their own
            switch (random.Next(4))
            {
                case 0: node["NgayTiepNhan"] = "31/02/2026"; break;
                case 1: node["KenhThucHien"] = 7; break;
                case 2: node.Remove("MaTTHC"); break;
                default: node["MaDonVi"] = "X99.99"; node["DonViXuLy"] = "X99.99"; break;
            }
            records[i] = records[i] with { Json = ToJson(node) };
        }
    }

    /// <summary>A dossier's applicant: a citizen (CCCD number, full name: recorded as personal data the tests look
    /// for) or a business (tax code, trade name).</summary>
    private static (bool Citizen, string Id, string Name) Applicant(Random random, List<string> personal)
    {
        var citizen = random.NextDouble() < 0.7;
        var id = citizen ? $"0{random.Next(1, 96):D2}{random.Next(0, 2)}{random.Next(0, 100):D2}{random.Next(0, 1_000_000):D6}" : $"{random.Next(100_000_000, 999_999_999)}{random.Next(10)}";
        var name = citizen
            ? $"{Pick(random, VietnameseNames.FamilyNames)} {Pick(random, VietnameseNames.MiddleNames)} {Pick(random, VietnameseNames.GivenNames)}"
            : $"{Pick(random, VietnameseNames.Companies)} {Pick(random, VietnameseNames.GivenNames)} {Pick(random, VietnameseNames.Provinces)}";
        if (citizen) { personal.Add(id); personal.Add(name); }
        return (citizen, id, name);
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}

/// <summary>One record of a feed as the portal serves it (UTF-8 JSON), with the key it is paged by: update time, record
/// id, version sequence.</summary>
public sealed record FeedRecord(string Id, string UnitCode, string UpdatedAt, int Sequence, byte[] Json)
{
    public static FeedRecord From(string id, string unit, string updatedAt, int sequence, byte[] json) => new(id, unit, updatedAt, sequence, json);

    /// <summary>A new, mutable tree of the record (for tests and one-off reads; the feed serves the bytes).</summary>
    public JsonObject Record => JsonNode.Parse(Json)!.AsObject();

    public string Cursor => string.Create(CultureInfo.InvariantCulture, $"{UpdatedAt}|{Id}|{Sequence}");
}
