/**
 * Keys under which a reference keeps the bin edges of the prediction and score columns, beside
 * the features' own names (feature names of this form are unlikely, and would only share edges).
 */
export const PREDICTION_KEY = "__prediction__";
export const SCORE_KEY = "__score__";
