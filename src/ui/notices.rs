//! What a link or an imported plan had that could not be used, one notice per key.

use crate::calc::share::Notice;
use std::rc::Rc;
use yew::prelude::*;

/// The notices' inputs.
#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    /// The notices (none: nothing is shown).
    pub notices: Rc<Vec<Notice>>,
    /// Dismiss them.
    pub on_dismiss: Callback<()>,
}

/// The link's notices, dismissable.
#[function_component]
pub fn Notices(p: &NoticesProps) -> Html {
    if p.notices.is_empty() {
        return Html::default();
    }
    html! {
        <div class="notices" id="notices" role="alert">
            <p><strong>{ "Some values in this link were not used:" }</strong></p>
            <ul>
                { for p.notices.iter().map(|n| html! {
                    <li key={n.message.clone()} data-key={n.key.clone()}>{ n.message.clone() }</li>
                }) }
            </ul>
            <button type="button" class="small" id="dismiss-notices" onclick={p.on_dismiss.reform(|_| ())}>{ "Dismiss" }</button>
        </div>
    }
}
