//! Reading an opened workbook in two parts, the Indicators and Report sheets
//! and the supporting sheets, and assembling the scorecard from them.

use super::tables::{find_indicators, read_named, read_table, IndicatorHeaders};
use super::{indicators, quote_list, sheets};
use super::{LoadOptions, Loaded, ReadContext, HEADER_SEARCH_ROWS};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::model::Scorecard;
use crate::schema;
use crate::workbook::{SheetSource, SourceKind};

/// Reads an opened workbook.
pub fn load_from(source: &mut dyn SheetSource, options: &LoadOptions) -> Loaded {
    let ctx = context(source, options);
    let names = source.sheet_names();
    let main = read_main(source, &names, &ctx);
    let supporting = read_supporting(source, &names, &ctx);
    assemble(source.kind(), main, supporting)
}

pub(super) fn context(source: &dyn SheetSource, options: &LoadOptions) -> ReadContext {
    ReadContext {
        date_system: source.date_system(),
        kind: source.kind(),
        year_start_month: options.year_start_month,
        columns: options.columns.clone(),
        period_override: options.period_override.clone(),
        period_default: options.period_default.clone(),
    }
}

/// The Indicators and Report sheets, with their diagnostics.
pub(super) struct MainPart {
    indicators: Vec<crate::model::Indicator>,
    meta: crate::model::ReportMeta,
    period: Option<crate::period::ReportingPeriod>,
    diags: Diagnostics,
}

/// The recovery plans (with their actions), benchmarks and history, with
/// their diagnostics.
pub(super) struct SupportingPart {
    plans: Vec<crate::model::RecoveryPlan>,
    benchmarks: Vec<crate::model::Benchmark>,
    history: Vec<crate::model::HistoryPoint>,
    diags: Diagnostics,
}

pub(super) fn read_main(
    source: &mut dyn SheetSource,
    names: &[String],
    ctx: &ReadContext,
) -> MainPart {
    let mut diags = Diagnostics::new();
    let mut part = MainPart {
        indicators: Vec::new(),
        meta: Default::default(),
        period: None,
        diags: Diagnostics::new(),
    };
    // The Report sheet is read first, so that its period is known when the
    // Indicators sheet's headers naming a period are placed; its diagnostics
    // still follow the indicators'.
    let mut report_diags = Diagnostics::new();
    if let Some(sheet) = read_named(
        source,
        names,
        &crate::front_matter::REPORT,
        &mut report_diags,
    ) {
        let (meta, period) = sheets::read_report(&sheet, ctx, &mut report_diags);
        part.meta = meta;
        part.period = period;
    }
    let rules = IndicatorHeaders {
        columns: &ctx.columns,
        period: ctx
            .period_override
            .as_ref()
            .or(part.period.as_ref())
            .or(ctx.period_default.as_ref()),
        year_start_month: ctx.year_start_month,
    };
    match find_indicators(source, names, &rules, &mut diags) {
        Some((sheet, table)) => {
            part.indicators = indicators::read(&sheet, &table, ctx, &mut diags);
        }
        None => {
            if diags.count(Severity::Error) == 0 {
                diags.push(Diagnostic::workbook(
                    Severity::Error,
                    no_indicators_message(names),
                ));
            }
        }
    }
    for d in report_diags.into_vec() {
        diags.push(d);
    }
    part.diags = diags;
    part
}

pub(super) fn read_supporting(
    source: &mut dyn SheetSource,
    names: &[String],
    ctx: &ReadContext,
) -> SupportingPart {
    let mut diags = Diagnostics::new();
    let mut plans = Vec::new();
    let mut benchmarks = Vec::new();
    let mut history = Vec::new();
    if let Some((sheet, table)) = read_table(source, names, &schema::PLANS, &mut diags) {
        plans = sheets::read_plans(&sheet, &table, ctx, &mut diags);
    }
    if let Some((sheet, table)) = read_table(source, names, &schema::ACTIONS, &mut diags) {
        let actions = sheets::read_actions(&sheet, &table, ctx, &mut diags);
        sheets::attach_actions(&mut plans, actions, &mut diags);
    }
    if let Some((sheet, table)) = read_table(source, names, &schema::BENCHMARKS, &mut diags) {
        benchmarks = sheets::read_benchmarks(&sheet, &table, ctx, &mut diags);
    }
    if let Some((sheet, table)) = read_table(source, names, &schema::HISTORY, &mut diags) {
        history = sheets::read_history(&sheet, &table, ctx, &mut diags);
    }
    SupportingPart {
        plans,
        benchmarks,
        history,
        diags,
    }
}

/// The scorecard from both parts, diagnostics in sheet order.
pub(super) fn assemble(kind: SourceKind, main: MainPart, supporting: SupportingPart) -> Loaded {
    let mut diagnostics = main.diags.into_vec();
    diagnostics.extend(supporting.diags.into_vec());
    Loaded {
        scorecard: Scorecard {
            meta: main.meta,
            period: main.period,
            indicators: main.indicators,
            plans: supporting.plans,
            benchmarks: supporting.benchmarks,
            history: supporting.history,
        },
        diagnostics,
        kind,
    }
}

fn no_indicators_message(names: &[String]) -> String {
    let found = if names.is_empty() {
        "it has no sheets".to_string()
    } else {
        format!("its sheets are {}", quote_list(names))
    };
    format!(
        "this is not a scorecard workbook: no sheet of indicators was found ({found}). Name the \
         sheet Indicators (or Scorecard, KPIs, Measures) and give it a header row with at least \
         Ref and Indicator columns within its first {HEADER_SEARCH_ROWS} rows (a column with \
         another name can be mapped in scorecard.toml under [columns])"
    )
}
