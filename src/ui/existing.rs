//! Plan against the subnets you already have: paste, choose or drop the output of
//! `aws ec2 describe-subnets`, mark the host (and task) subnet of each AZ, or leave an AZ out of
//! the plan, and use them. The worker reads the JSON (`calc::subnets`, serde) and says what each
//! subnet can be; this component keeps the pasted text and the roles, and hands the form fields
//! the import sets to the app.
//!
//! The subnets are a table (a row group per AZ); on a narrow screen each row is laid out as a
//! card (CSS, `static/style.css`), each cell labelled by its column's heading (`data-label`).

use super::bridge::{use_bridge, Failed, FAILED};
use super::protocol::{Change, Mark, Reply, Request, SubnetsRequest, SubnetsView};
use crate::calc::fmt;
use crate::calc::subnets::{LEAVE_OUT, MAX_INPUT};
use crate::calc::{Field, Inputs};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement, Node};
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

/// The question the worker is answering. Kept out of the component's state on purpose: a
/// re-render while the worker answers would set every radio back to the roles shown, undoing the
/// choice just made (Yew sets `checked` on every render).
#[derive(Default)]
struct Asking {
    /// The latest question: only its answer is shown.
    latest: Rc<()>,
    /// Asked and not answered yet.
    pending: bool,
    /// "Use these subnets" was pressed while pending: use the answer, if it makes a plan.
    then_apply: bool,
}

/// The import table's column headings; each is also its cells' label when the rows are cards.
const SUBNET: &str = "Subnet";
/// See [`SUBNET`].
const CIDR: &str = "CIDR";
/// See [`SUBNET`].
const USABLE: &str = "Usable";
/// See [`SUBNET`].
const IN_USE: &str = "In use now";
/// See [`SUBNET`].
const HOST: &str = "Host";
/// See [`SUBNET`].
const TASK: &str = "Task";

/// The label of the radio that puts no task subnet in an AZ.
const NO_TASK: &str = "No task subnet: tasks use the host subnet";

/// A question about a text: the text, the VPC and the roles (`None`: the defaults), and a change
/// to the roles.
type Question = (Rc<str>, Option<String>, Option<(Vec<Mark>, Change)>);

/// Asks the worker a [`Question`] and shows its answer.
type Ask = Callback<Question>;

/// The import panel.
#[function_component]
pub fn ExistingSubnets(p: &ExistingProps) -> Html {
    let bridge = use_bridge();
    let text = use_state(String::new);
    let read = use_state(|| Read::Nothing);
    let asking = use_mut_ref(Asking::default);
    // A file dragged over the drop target.
    let over = use_state_eq(|| false);
    let zone = use_node_ref();
    let reader = use_mut_ref(|| None::<gloo_file::callbacks::FileReader>);
    // Asks the worker to read the text with a VPC and marks, and shows the answer. A new text
    // replaces what is shown with "Reading…"; a new VPC or role keeps the table (and the focus
    // in it) until the answer comes.
    let ask: Ask = {
        let (bridge, read, inputs) = (bridge.clone(), read.clone(), p.inputs.clone());
        let (asking, on_apply) = (asking.clone(), p.on_apply.clone());
        Callback::from(move |(text, vpc, marks): Question| {
            let (marks, set) = match marks {
                Some((marks, change)) => (Some(marks), Some(change)),
                None => (None, None),
            };
            if vpc.is_none() && marks.is_none() {
                read.set(Read::Reading);
            }
            let question = Rc::new(());
            {
                let mut a = asking.borrow_mut();
                a.latest = question.clone();
                a.pending = true;
            }
            let request = Request::Subnets(Box::new(SubnetsRequest {
                text: text.to_string(),
                vpc,
                marks,
                set,
                inputs: inputs.as_deref().cloned().unwrap_or_default(),
            }));
            let (read, asking, on_apply) = (read.clone(), asking.clone(), on_apply.clone());
            bridge.request(&request, move |r| {
                let then_apply = {
                    let mut a = asking.borrow_mut();
                    if !Rc::ptr_eq(&a.latest, &question) {
                        return;
                    }
                    a.pending = false;
                    std::mem::take(&mut a.then_apply)
                };
                read.set(match r {
                    Ok(Reply::Subnets(Ok(view))) => {
                        if then_apply && view.errors.is_empty() {
                            on_apply.emit(view.changes.clone());
                        }
                        Read::Ready(text.clone(), Rc::new(*view))
                    }
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
    // A file chosen or dropped: read as text (at most MAX_INPUT bytes), shown and asked about.
    let load = load_file(&read, &text, &reader, &ask);
    let onfile = {
        let load = load.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            load.emit(file);
        })
    };
    // The drop target: a file dragged over it is accepted (and the target highlighted).
    let ondragover = {
        let over = over.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(d) = e.data_transfer() {
                d.set_drop_effect("copy");
            }
            over.set(true);
        })
    };
    let ondragleave = {
        let (over, zone) = (over.clone(), zone.clone());
        Callback::from(move |e: DragEvent| {
            // Moving onto one of the target's own elements does not leave it.
            let to = e.related_target().and_then(|t| t.dyn_into::<Node>().ok());
            let inside = zone
                .cast::<Node>()
                .is_some_and(|z| to.is_some_and(|t| z.contains(Some(&t))));
            if !inside {
                over.set(false);
            }
        })
    };
    let ondrop = {
        let (over, read) = (over.clone(), read.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(false);
            match e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                Some(file) => load.emit(file),
                None => read.set(Read::Error(
                    "Could not read the subnets: what was dropped is not a file; drop the file the command wrote, or paste its output.".into(),
                )),
            }
        })
    };
    let body = match &*read {
        Read::Nothing => Html::default(),
        Read::Reading => html! { <p class="muted loading" role="status">{ "Reading…" }</p> },
        Read::Error(e) => {
            html! { <p class="error" id="subnets-error" role="alert">{ e.clone() }</p> }
        }
        Read::Ready(text, view) => subnets(text, view, &asking, &ask, &p.on_apply),
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
            </div>
            <div ref={zone} id="subnets-drop" class={classes!("drop", (*over).then_some("over"))}
                ondragenter={ondragover.clone()} {ondragover} {ondragleave} {ondrop}>
                <p class="drop-here">{ "Drop the file here" }</p>
                <div class="field">
                    <label for="subnets-file">{ "or choose the file" }</label>
                    <input type="file" id="subnets-file" accept=".json,application/json,text/plain" onchange={onfile} />
                </div>
            </div>
            { body }
        </details>
    }
}

/// Reads a chosen or dropped file as text with gloo-file (at most [`MAX_INPUT`] bytes, else
/// says why), puts it in the text box and asks the worker about it.
fn load_file(
    read: &UseStateHandle<Read>,
    text: &UseStateHandle<String>,
    reader: &Rc<RefCell<Option<gloo_file::callbacks::FileReader>>>,
    ask: &Ask,
) -> Callback<web_sys::File> {
    let (read, text, reader, ask) = (read.clone(), text.clone(), reader.clone(), ask.clone());
    Callback::from(move |file: web_sys::File| {
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
}

/// The subnets of the chosen VPC by AZ, each with its role; the VPC picker; what cannot be used.
/// "Use these subnets" while a newer question is being answered ([`Asking`]) uses its answer.
fn subnets(
    text: &Rc<str>,
    view: &Rc<SubnetsView>,
    asking: &Rc<RefCell<Asking>>,
    ask: &Ask,
    on_apply: &Callback<Vec<(Field, String)>>,
) -> Html {
    let change = |change: Change| {
        let (view, ask, text) = (view.clone(), ask.clone(), text.clone());
        // The worker marks it (one subnet per role in an AZ: calc::subnets).
        ask.reform(move |_: Event| {
            (
                text.clone(),
                Some(view.vpc.clone()),
                Some((view.marks.clone(), change.clone())),
            )
        })
    };
    let remark = |index: usize, role: Mark| change(Change::Mark(index, role));
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
        let (changes, on_apply, asking) = (view.changes.clone(), on_apply.clone(), asking.clone());
        Callback::from(move |_: MouseEvent| {
            let mut a = asking.borrow_mut();
            if a.pending {
                // The roles shown are not the latest: use the answer when it comes.
                a.then_apply = true;
            } else {
                on_apply.emit(changes.clone());
            }
        })
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
            <div class="table-wrap cards" tabindex="0" role="region" aria-label="Imported subnets">
                <table class="subnets" id="subnets-table">
                    <caption>{ format!("Subnets of {} by AZ: mark each AZ's host subnet and, optionally, its task subnet, or leave the AZ out of the plan", view.vpc) }</caption>
                    <thead><tr>
                        { for [SUBNET, CIDR, USABLE, IN_USE, HOST, TASK].map(|c| html! { <th key={c} scope="col">{ c }</th> }) }
                    </tr></thead>
                    { for view.azs.iter().map(|g| {
                        let no_task = g.rows.iter().all(|r| r.mark != Mark::Task);
                        let out = g.rows.iter().all(|r| r.mark != Mark::Host);
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
                                        <td class="cidr" data-label={CIDR}>{ r.cidr.clone() }if !r.ipv6.is_empty() { <br /><span class="muted">{ r.ipv6.clone() }</span> }</td>
                                        <td class="num" data-label={USABLE}>{ count(r.usable) }</td>
                                        <td class="num" data-label={IN_USE} data-in-use={count(r.in_use)}>{ count(r.in_use) }</td>
                                        <td class="role" data-label={HOST}><input type="radio" name={format!("host-{}", g.az)} checked={r.mark == Mark::Host}
                                            disabled={r.no_host.is_some()} title={r.no_host.clone()}
                                            aria-label={format!("{}: host subnet of {}", r.label, g.az)}
                                            onchange={remark(r.index, Mark::Host)} /></td>
                                        <td class="role" data-label={TASK}><input type="radio" name={format!("task-{}", g.az)} checked={r.mark == Mark::Task}
                                            disabled={r.no_task.is_some()} title={r.no_task.clone()}
                                            aria-label={format!("{}: task subnet of {}", r.label, g.az)}
                                            onchange={remark(r.index, Mark::Task)} /></td>
                                    </tr>
                                }) }
                                <tr class="none">
                                    <th scope="row" colspan="4" class="muted">{ format!("None in {}", g.az) }</th>
                                    <td class="role" data-label={HOST}><label class="radio">
                                        <input type="radio" name={format!("host-{}", g.az)} checked={out}
                                            aria-label={format!("{}: {LEAVE_OUT}", g.az)}
                                            // Leaving the AZ out: none of its subnets keeps a role.
                                            onchange={change(Change::LeaveOut(g.az.clone()))} />
                                        { LEAVE_OUT }
                                    </label></td>
                                    <td class="role" data-label={TASK}><label class="radio">
                                        <input type="radio" name={format!("task-{}", g.az)} checked={no_task}
                                            aria-label={format!("{}: {NO_TASK}", g.az)}
                                            onchange={
                                                // Clearing: the AZ's task subnet loses its mark.
                                                match g.rows.iter().find(|r| r.mark == Mark::Task) {
                                                    Some(r) => remark(r.index, Mark::None),
                                                    None => Callback::noop(),
                                                }
                                            } />
                                        { NO_TASK }
                                    </label></td>
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
            <div class="notes">{ for view.notes.iter().map(|n| html! { <p class="note" key={n.as_str()}>{ n.clone() }</p> }) }</div>
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
