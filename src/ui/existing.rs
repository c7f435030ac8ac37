//! Plan against the subnets you already have: paste, choose or drop the output of
//! `aws ec2 describe-subnets`, mark the host (and task) subnet of each AZ, and use them. The
//! worker reads the JSON (`calc::subnets`, serde) and says what each subnet can be; this
//! component keeps the pasted text and the roles, and hands the form fields the import sets to
//! the app.

use super::bridge::{use_bridge, Failed, FAILED};
use super::protocol::{Mark, Reply, Request, SubnetsRequest, SubnetsView};
use crate::calc::fmt;
use crate::calc::subnets::MAX_INPUT;
use crate::calc::{Field, Inputs};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The command whose output this reads.
pub const COMMAND: &str =
    "aws ec2 describe-subnets --filters Name=vpc-id,Values=vpc-0123456789abcdef0 --output json";

/// The component's inputs.
#[derive(Properties, PartialEq)]
pub struct ExistingProps {
    /// The shown plan's inputs (the import changes only the fields it sets).
    pub inputs: Option<Rc<Inputs>>,
    /// Use the import: the form fields it sets.
    pub on_apply: Callback<Vec<(Field, String)>>,
}

/// What the worker last said.
#[derive(Clone, PartialEq)]
enum Read {
    /// Nothing read yet.
    Nothing,
    /// Asked, not answered.
    Reading,
    /// The subnets of the text read, and their roles.
    Ready(Rc<str>, Rc<SubnetsView>),
    /// Why the text cannot be used (the plan stays as it is).
    Error(String),
}

/// A question about a text: the text, the VPC and the roles (`None`: the defaults), and a subnet
/// to mark.
type Question = (Rc<str>, Option<String>, Option<(Vec<Mark>, usize, Mark)>);

/// Asks the worker a [`Question`] and shows its answer.
type Ask = Callback<Question>;

/// The import panel.
#[function_component]
pub fn ExistingSubnets(p: &ExistingProps) -> Html {
    let bridge = use_bridge();
    let text = use_state(String::new);
    let read = use_state(|| Read::Nothing);
    let reader = use_mut_ref(|| None::<gloo_file::callbacks::FileReader>);
    // Asks the worker to read the text with a VPC and marks, and shows the answer.
    let ask: Ask = {
        let (bridge, read, inputs) = (bridge.clone(), read.clone(), p.inputs.clone());
        Callback::from(move |(text, vpc, marks): Question| {
            let (marks, set) = match marks {
                Some((marks, index, role)) => (Some(marks), Some((index, role))),
                None => (None, None),
            };
            read.set(Read::Reading);
            let request = Request::Subnets(Box::new(SubnetsRequest {
                text: text.to_string(),
                vpc,
                marks,
                set,
                inputs: inputs.as_deref().cloned().unwrap_or_default(),
            }));
            let read = read.clone();
            bridge.request(&request, move |r| {
                read.set(match r {
                    Ok(Reply::Subnets(Ok(view))) => Read::Ready(text.clone(), Rc::new(*view)),
                    Ok(Reply::Subnets(Err(e))) => {
                        Read::Error(format!("Could not read the subnets: {e}."))
                    }
                    Ok(_) | Err(Failed) => {
                        Read::Error(format!("Could not read the subnets. {FAILED}"))
                    }
                });
            });
        })
    };
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let go = {
        let text: Rc<str> = Rc::from(text.as_str());
        ask.reform(move |_: MouseEvent| (text.clone(), None, None))
    };
    let onfile = {
        let (read, text, reader, ask) = (read.clone(), text.clone(), reader.clone(), ask.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let file = gloo_file::File::from(file);
            if file.size() > MAX_INPUT as u64 {
                read.set(Read::Error(format!(
                    "Could not read the subnets: the file is {} MB; describe-subnets output over 5 MB is not read (filter it by VPC).",
                    fmt::int(file.size() / 1_000_000)
                )));
                return;
            }
            let (read, text, ask) = (read.clone(), text.clone(), ask.clone());
            *reader.borrow_mut() = Some(gloo_file::callbacks::read_as_text(
                &file,
                move |r| match r {
                    Ok(t) => {
                        ask.emit((Rc::from(t.as_str()), None, None));
                        text.set(t);
                    }
                    Err(e) => read.set(Read::Error(format!("Could not read the file: {e}."))),
                },
            ));
        })
    };
    let body = match &*read {
        Read::Nothing => Html::default(),
        Read::Reading => html! { <p class="muted loading" role="status">{ "Reading…" }</p> },
        Read::Error(e) => {
            html! { <p class="error" id="subnets-error" role="alert">{ e.clone() }</p> }
        }
        Read::Ready(text, view) => subnets(text, view, &ask, &p.on_apply),
    };
    html! {
        <details class="existing group-details" id="existing">
            <summary>{ "Import existing subnets (aws ec2 describe-subnets)" }</summary>
            <p class="hint">{ "Run this and paste its output, or choose the file: " }<code>{ COMMAND }</code></p>
            <p class="hint">{ "AvailableIpAddressCount is a snapshot taken when the command ran; in use = usable − AvailableIpAddressCount. ECS places a task's ENI in a subnet in its instance's AZ." }</p>
            <div class="field">
                <label for="subnets-json">{ "describe-subnets output (JSON)" }</label>
                <textarea id="subnets-json" rows="4" spellcheck="false" value={(*text).clone()}
                    aria-invalid={matches!(*read, Read::Error(_)).then_some("true")}
                    aria-describedby={matches!(*read, Read::Error(_)).then_some("subnets-error")} {oninput} />
            </div>
            <div class="row">
                <button type="button" id="read-subnets" onclick={go} disabled={text.trim().is_empty()}>{ "Read subnets" }</button>
                <div class="field">
                    <label for="subnets-file">{ "or choose the file" }</label>
                    <input type="file" id="subnets-file" accept=".json,application/json,text/plain" onchange={onfile} />
                </div>
            </div>
            { body }
        </details>
    }
}

/// The subnets of the chosen VPC by AZ, each with its role; the VPC picker; what cannot be used.
fn subnets(
    text: &Rc<str>,
    view: &Rc<SubnetsView>,
    ask: &Ask,
    on_apply: &Callback<Vec<(Field, String)>>,
) -> Html {
    let remark = |index: usize, role: Mark| {
        let (view, ask, text) = (view.clone(), ask.clone(), text.clone());
        // The worker marks it (one subnet per role in an AZ: calc::subnets).
        ask.reform(move |_: Event| {
            (
                text.clone(),
                Some(view.vpc.clone()),
                Some((view.marks.clone(), index, role)),
            )
        })
    };
    let pick_vpc = {
        let text = text.clone();
        ask.reform(move |e: Event| {
            (
                text.clone(),
                Some(e.target_unchecked_into::<HtmlSelectElement>().value()),
                None,
            )
        })
    };
    let apply = {
        let (changes, on_apply) = (view.changes.clone(), on_apply.clone());
        Callback::from(move |_: MouseEvent| on_apply.emit(changes.clone()))
    };
    let count = |v: Option<u64>| v.map(fmt::int).unwrap_or_else(|| "?".into());
    html! {
        <div class="subnets-read">
            if view.vpcs.len() > 1 {
                <div class="field">
                    <label for="subnets-vpc">{ "VPC" }</label>
                    <select id="subnets-vpc" onchange={pick_vpc}>
                        { for view.vpcs.iter().map(|v| html! {
                            <option key={v.id.as_str()} value={v.id.clone()} selected={v.id == view.vpc}>
                                { format!("{} ({} subnets in {} AZs, {} free)",
                                    if v.id.is_empty() { "no VpcId" } else { &v.id },
                                    v.usable_subnets, v.azs, fmt::int(v.free)) }
                            </option>
                        }) }
                    </select>
                    <p class="hint">{ "The output lists subnets of several VPCs: a plan is for one." }</p>
                </div>
            }
            if view.more_pages {
                <p class="note">{ "The output has a NextToken: it is one page of several. Run the command with --no-paginate, or filter by VPC, to list every subnet." }</p>
            }
            <div class="table-wrap" tabindex="0" role="region" aria-label="Imported subnets">
                <table class="subnets" id="subnets-table">
                    <caption>{ format!("Subnets of {} by AZ: mark each AZ's host subnet and, optionally, its task subnet", view.vpc) }</caption>
                    <thead><tr>
                        <th scope="col">{ "Subnet" }</th><th scope="col">{ "CIDR" }</th>
                        <th scope="col">{ "Usable" }</th><th scope="col">{ "In use now" }</th>
                        <th scope="col">{ "Host" }</th><th scope="col">{ "Task" }</th>
                    </tr></thead>
                    { for view.azs.iter().map(|g| {
                        let no_task = g.rows.iter().all(|r| r.mark != Mark::Task);
                        html! {
                            <tbody key={g.az.as_str()} data-az={g.az.clone()}>
                                <tr class="az"><th scope="rowgroup" colspan="6">{ g.az.clone() }</th></tr>
                                { for g.rows.iter().map(|r| html! {
                                    <tr key={r.index} data-subnet={r.id.clone()}>
                                        <th scope="row">
                                            { r.label.clone() }
                                            if let Some(why) = r.no_host.as_ref().filter(|_| r.no_task.is_some()) {
                                                <span class="muted">{ format!(" — {why}") }</span>
                                            }
                                        </th>
                                        <td class="cidr">{ r.cidr.clone() }if !r.ipv6.is_empty() { <br /><span class="muted">{ r.ipv6.clone() }</span> }</td>
                                        <td class="num">{ count(r.usable) }</td>
                                        <td class="num" data-in-use={count(r.in_use)}>{ count(r.in_use) }</td>
                                        <td><input type="radio" name={format!("host-{}", g.az)} checked={r.mark == Mark::Host}
                                            disabled={r.no_host.is_some()} title={r.no_host.clone()}
                                            aria-label={format!("{}: host subnet of {}", r.label, g.az)}
                                            onchange={remark(r.index, Mark::Host)} /></td>
                                        <td><input type="radio" name={format!("task-{}", g.az)} checked={r.mark == Mark::Task}
                                            disabled={r.no_task.is_some()} title={r.no_task.clone()}
                                            aria-label={format!("{}: task subnet of {}", r.label, g.az)}
                                            onchange={remark(r.index, Mark::Task)} /></td>
                                    </tr>
                                }) }
                                <tr class="none">
                                    <th scope="row" colspan="5" class="muted">{ format!("No task subnet in {}: tasks use the host subnet", g.az) }</th>
                                    <td><input type="radio" name={format!("task-{}", g.az)} checked={no_task}
                                        aria-label={format!("no task subnet in {}", g.az)}
                                        onchange={
                                            // Clearing: the AZ's task subnet loses its mark.
                                            match g.rows.iter().find(|r| r.mark == Mark::Task) {
                                                Some(r) => remark(r.index, Mark::None),
                                                None => Callback::noop(),
                                            }
                                        } /></td>
                                </tr>
                            </tbody>
                        }
                    }) }
                </table>
            </div>
            if !view.unusable.is_empty() {
                <ul class="unusable" aria-label="Subnets that cannot be used">
                    { for view.unusable.iter().map(|(label, why)| html! {
                        <li key={label.as_str()}>{ format!("{label}: {why}") }</li>
                    }) }
                </ul>
            }
            { for view.notes.iter().map(|n| html! { <p class="note">{ n.clone() }</p> }) }
            if view.errors.is_empty() {
                <button type="button" id="use-subnets" onclick={apply}>{ "Use these subnets" }</button>
            } else {
                <ul class="error" id="subnets-errors" role="alert">
                    { for view.errors.iter().map(|e| html! { <li key={e.as_str()}>{ e.clone() }</li> }) }
                </ul>
            }
        </div>
    }
}
