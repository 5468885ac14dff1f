namespace Hub.Domain;

/// <summary>Input that breaks a rule of the domain (bad period, unknown unit, invalid catalog...).
/// The message is meant for the person who supplied the input.</summary>
public class DomainException(string message) : Exception(message);
