namespace Hub.Domain.Evidence;

/// <summary>How a dossier was filed (the portal's KenhThucHien: 1 direct, 2 online, 3 postal).</summary>
public enum Channel { Direct = 1, Online = 2, Postal = 3 }

/// <summary>How far a procedure is offered as an online public service (DVCTT).</summary>
public enum OnlineLevel { None, Partial, Full }

public enum RatingLevel { VerySatisfied, Satisfied, Neutral, Dissatisfied }
