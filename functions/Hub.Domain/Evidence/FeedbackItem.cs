namespace Hub.Domain.Evidence;

/// <summary>A feedback or petition item (phản ánh, kiến nghị — PAKN) the unit must answer by a due date.</summary>
public sealed record FeedbackItem(string Id, string UnitCode, DateTimeOffset ReceivedAt, DateTimeOffset DueAt, DateTimeOffset? AnsweredAt);
