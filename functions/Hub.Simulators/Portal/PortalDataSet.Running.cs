using Hub.Domain.Periods;
using Hub.Sources.Common;
using Hub.Sources.Portal;

namespace Hub.Simulators.Portal;

public sealed partial class PortalDataSet
{
    /// <summary>Share of the running quarter's open dossiers returned for supplement (TrangThaiHoSo 5).</summary>
    private const double ReturnedShare = 0.06;

    /// <summary>Share of online filings the unit accepts more than a working day after they were filed.</summary>
    private const double AcceptedLateShare = 0.08;

    /// <summary>The running quarter's dossiers as the portal holds them at <paramref name="until"/>: each status change
    /// up to then is a version of its own, nothing after it (the future has not happened at the source).</summary>
    private static List<FeedRecord> GenerateRunning(Random random, SyntheticScale scale, DateTimeOffset until, List<CoQuan> units, List<ThuTucHanhChinh> procedures, List<string> personal)
    {
        var running = Period.Containing(until, PeriodKind.Quarter);
        var records = new List<FeedRecord>();
        var handling = units.Where(u => u.MaCoQuanCha is not null).Select(u => u.MaCoQuan!).ToList();
        // Only procedures in force: an expired one takes no new dossiers.
        var byUnit = procedures.Where(p => p.NgayHetHieuLuc is null).GroupBy(p => p.MaDonVi!).ToDictionary(g => g.Key, g => g.ToList());
        handling = handling.Where(byUnit.ContainsKey).ToList();
        if (running == scale.Period || until <= running.Start || handling.Count == 0) return records;
        var elapsed = (until - running.Start).TotalDays;
        var count = (int)(scale.DossiersPerQuarter * elapsed / (running.End - running.Start).TotalDays);
        for (var n = 0; n < count; n++)
        {
            var code = handling[random.Next(handling.Count)];
            var pool = byUnit[code];
            var procedure = pool[random.Next(pool.Count)];
            var received = running.Start.AddDays(random.NextDouble() * elapsed);
            if (received >= until) continue;
            var due = received.AddDays(3 + random.Next(13));
            var online = procedure.MucDoDVCTT > 0 && random.NextDouble() < 0.6;
            var filed = online && random.NextDouble() < AcceptedLateShare ? received.AddHours(-(26 + random.Next(70))) : received.AddMinutes(-random.Next(5, 300));
            // Three in four are finished by the due time; of those that would finish after `until`, the record is open.
            DateTimeOffset? finished = random.NextDouble() < 0.75 ? received.AddHours(random.NextDouble() * (due - received).TotalHours) : random.NextDouble() < 0.5 ? due.AddDays(1 + random.Next(6)) : null;
            if (finished > until) finished = null;
            var returnedAt = finished is null && random.NextDouble() < ReturnedShare ? received.AddHours(4 + random.NextDouble() * 44) : (DateTimeOffset?)null;
            if (returnedAt > until) returnedAt = null;
            var (citizen, applicantId, applicantName) = Applicant(random, personal);
            var id = $"{code}-{received.ToOffset(VietnamTime.Offset):yyMMdd}-R{n:D6}";
            var synced = received.AddMinutes(5 + random.Next(120));
            if (synced > until) synced = until;

            HoSoDongBo Version(int status, DateTimeOffset updatedAt) => new()
            {
                MaHoSo = id, MaTTHC = procedure.MaTTHC, TenTTHC = procedure.TenTTHC, MaDonVi = code, DonViXuLy = code,
                KenhThucHien = online ? 2 : 1, ChuHoSo = applicantName, LoaiDoiTuong = citizen ? 1 : 2, MaDoiTuong = applicantId,
                NgayNopHoSo = PortalTime.Write(filed), NgayTiepNhan = PortalTime.Write(received), NgayHenTra = PortalTime.Write(due),
                NgayKetThucXuLy = status == 10 ? PortalTime.Write(finished!.Value) : null,
                NgayTra = status == 10 ? PortalTime.Write(finished!.Value.AddHours(2)) : null,
                TrangThaiHoSo = status,
                HoSoCoThanhPhanSoHoa = random.NextDouble() < 0.7 ? 1 : 0,
                TaiKhoanDuocXacThucVoiVNeID = online ? 1 : 0,
                NgayDongBo = PortalTime.Write(synced),
                NgayCapNhat = PortalTime.Write(updatedAt),
            };

            var seq = 0;
            records.Add(FeedRecord.From(id, code, PortalTime.Write(synced), seq++, ToJson(Version(2, synced))));
            var last = synced;
            if (returnedAt is { } back && back > last)
            {
                records.Add(FeedRecord.From(id, code, PortalTime.Write(back), seq++, ToJson(Version(WatchReturnedStatus, back))));
                last = back;
            }
            else if (finished is null && received.AddHours(20) is var processing && processing > last && processing <= until)
            {
                records.Add(FeedRecord.From(id, code, PortalTime.Write(processing), seq++, ToJson(Version(4, processing))));
                last = processing;
            }
            if (finished is { } done)
            {
                var at = Later(done.AddMinutes(30), last.AddMinutes(1));
                if (at <= until) records.Add(FeedRecord.From(id, code, PortalTime.Write(at), seq, ToJson(Version(10, at))));
            }
        }
        return records;
    }

    /// <summary>TrangThaiHoSo of a dossier returned to the applicant for supplement.</summary>
    private const int WatchReturnedStatus = 5;
}
