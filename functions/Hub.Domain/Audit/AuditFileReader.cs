using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hub.Domain.Evidence;
using Hub.Domain.Units;

namespace Hub.Domain.Audit;

/// <summary>Receives the records of an audit file as they are read.</summary>
public interface IAuditSink
{
    void OnUnit(Unit unit, string where);
    void OnProcedure(Procedure procedure, string where);
    void OnDossier(Dossier dossier, string where);
    void OnFeedback(FeedbackItem feedback, string where);
    /// <param name="id">The rating's own id (MaDanhGia) if the file gives one; without it the dossier identifies the rating.</param>
    void OnRating(Rating rating, string where, string? id);
}

/// <summary>Reads an audit file in one forward pass with a bounded buffer: the file is never held whole in memory,
/// so a million dossiers stream through. Each array element is parsed as it completes; errors name the element.</summary>
public static class AuditFileReader
{
    private const int InitialBuffer = 1 << 16;

    public static void Read(Stream stream, IAuditSink sink)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        try { ReadCore(stream, sink, ref buffer); }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    private static void ReadCore(Stream stream, IAuditSink sink, ref byte[] buffer)
    {
        int length = 0, consumed = 0;
        var final = false;
        var state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var depth = 0;            // 0 before the root, 1 inside the root object, 2 inside a record array, 3 done
        string? array = null;     // name of the array being read
        var seenArrays = new HashSet<string>(StringComparer.Ordinal); // a repeated array would be merged silently
        var index = 0;

        Refill(stream, ref buffer, ref length, ref consumed, ref final);
        while (true)
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(consumed, length - consumed), final, state);
            long resumeAt = -1;   // set when a record is cut by the end of the buffer
            JsonReaderState resumeState = default;
            try
            {
                while (resumeAt < 0)
                {
                    var before = reader.CurrentState;
                    var beforeConsumed = reader.BytesConsumed;
                    if (!reader.Read()) break;
                    switch (depth)
                    {
                        case 0 when reader.TokenType == JsonTokenType.StartObject:
                            depth = 1;
                            break;
                        case 0:
                            throw new DomainException("The input must be one JSON object with the arrays units, procedures, dossiers, feedback and ratings.");
                        case 1 when reader.TokenType == JsonTokenType.PropertyName:
                            array = reader.GetString();
                            if (array is not ("units" or "procedures" or "dossiers" or "feedback" or "ratings"))
                                throw new DomainException($"Unknown top-level field '{array}'; expected units, procedures, dossiers, feedback or ratings.");
                            if (!seenArrays.Add(array)) throw new DomainException($"Top-level field '{array}' appears more than once; give each array once.");
                            break;
                        case 1 when reader.TokenType == JsonTokenType.StartArray:
                            depth = 2; index = 0;
                            break;
                        case 1 when reader.TokenType == JsonTokenType.EndObject:
                            depth = 3;
                            break;
                        case 1:
                            throw new DomainException($"Field '{array}' must be an array of records.");
                        case 2 when reader.TokenType == JsonTokenType.EndArray:
                            depth = 1;
                            break;
                        case 2 when reader.TokenType == JsonTokenType.StartObject:
                            var recordStart = reader.TokenStartIndex; // after any separating comma
                            if (!reader.TrySkip()) { resumeAt = beforeConsumed; resumeState = before; break; }
                            var where = Where(array, index++);
                            Dispatch(array!, buffer.AsSpan(consumed + (int)recordStart, (int)(reader.BytesConsumed - recordStart)), where, sink);
                            break;
                        case 2:
                            throw new DomainException($"{Where(array, index)} must be a JSON object.");
                        default:
                            throw new DomainException("Unexpected content after the end of the input object.");
                    }
                }
            }
            catch (JsonException e)
            {
                throw new DomainException($"The input is not valid JSON at {Where(array, index)}: {FirstSentence(e.Message)}.");
            }

            if (resumeAt >= 0) { consumed += (int)resumeAt; state = resumeState; }
            else { consumed += (int)reader.BytesConsumed; state = reader.CurrentState; }

            if (final && resumeAt < 0)
            {
                if (depth != 3) throw new DomainException($"The input ends before its JSON object is complete (at {Where(array, index)}).");
                return;
            }
            Refill(stream, ref buffer, ref length, ref consumed, ref final);
        }
    }

    private static void Refill(Stream stream, ref byte[] buffer, ref int length, ref int consumed, ref bool final)
    {
        if (consumed > 0)
        {
            Buffer.BlockCopy(buffer, consumed, buffer, 0, length - consumed);
            length -= consumed;
            consumed = 0;
        }
        if (length == buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            Buffer.BlockCopy(buffer, 0, bigger, 0, length);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = bigger;
        }
        while (length < buffer.Length)
        {
            var n = stream.Read(buffer, length, buffer.Length - length);
            if (n == 0) { final = true; break; }
            length += n;
        }
    }

    private static void Dispatch(string array, ReadOnlySpan<byte> json, string where, IAuditSink sink)
    {
        switch (array)
        {
            case "units": sink.OnUnit(AuditRecordMapper.ToUnit(Parse(json, AuditJsonContext.Default.UnitRecord, where), where), where); break;
            case "procedures": sink.OnProcedure(AuditRecordMapper.ToProcedure(Parse(json, AuditJsonContext.Default.ProcedureRecord, where), where), where); break;
            case "dossiers": sink.OnDossier(AuditRecordMapper.ToDossier(Parse(json, AuditJsonContext.Default.DossierRecord, where), where), where); break;
            case "feedback": sink.OnFeedback(AuditRecordMapper.ToFeedback(Parse(json, AuditJsonContext.Default.FeedbackRecord, where), where), where); break;
            case "ratings":
                var rating = Parse(json, AuditJsonContext.Default.RatingRecord, where);
                var mapped = AuditRecordMapper.ToRating(rating, where);
                sink.OnRating(mapped, where, rating.Id is { Length: > 0 } id ? id : null);
                break;
        }
    }

    private static T Parse<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> type, string where)
    {
        try { return JsonSerializer.Deserialize(json, type) ?? throw new DomainException($"{where} is null."); }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? $"field '{path.TrimStart('$', '.')}'" : "the record";
            throw new DomainException($"{where}: {field} is not valid ({FirstSentence(e.Message)}).");
        }
    }

    private static string FirstSentence(string message) => message.Split(". Path:", 2)[0];

    private static string Where(string? array, int index) => array is null ? "the start of the input" : $"{array}[{index}]";
}
