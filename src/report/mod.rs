//! Writing a read workbook out. For now the JSON view of SPEC §5, with the
//! fields that reading produces; ratings are added by the rules.

pub mod json;
