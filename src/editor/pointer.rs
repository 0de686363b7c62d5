//! The canvas's pointer gestures as one machine: what a press, a move, a
//! release or a cancel does, given what is under the pointer. Pure: the
//! canvas (`canvas.rs`) turns DOM events into [`Input`]s and carries out
//! the [`Effect`]s.
//!
//! | state          | input                                   | to             | effects                                  |
//! |----------------|-----------------------------------------|----------------|------------------------------------------|
//! | Idle           | Down, middle button or Space held       | Panning        | capture                                  |
//! | Idle           | Down on a port (or an edge's handle)    | Linking        | link overlay, capture                    |
//! |                | and editable                            |                |                                          |
//! | Idle           | Down on a step, editable, and the step  | DraggingNodes  | focus it; Shift toggles it, else selects |
//! |                | is selected after the press             |                | it unless selected; capture              |
//! | Idle           | Down on a step, otherwise               | Idle           | focus it; the selection as above         |
//! | Idle           | Down on an edge                         | Idle           | select the edge                          |
//! | Idle           | Down on the background with Shift       | Marquee        | band overlay, capture                    |
//! | Idle           | Down on the background                  | Panning        | capture                                  |
//! | Panning        | Move                                    | Panning        | pan the viewport (past the slop: moved)  |
//! | DraggingNodes  | Move within the slop, not yet moved     | DraggingNodes  | —                                        |
//! | DraggingNodes  | Move                                    | DraggingNodes  | show the snapped drag                    |
//! | Linking        | Move                                    | Linking        | link overlay to the pointer              |
//! | Marquee        | Move                                    | Marquee        | band overlay to the pointer              |
//! | Panning        | Up                                      | Idle           | not moved: clear the selection           |
//! | DraggingNodes  | Up                                      | Idle           | moved and a drag shown: move the steps;  |
//! |                |                                         |                | a plain click: select the step alone;    |
//! |                |                                         |                | end the drag                             |
//! | Linking        | Up, the overlay still shown, on a       | Idle           | no overlay; connect                      |
//! |                | step other than the source              |                |                                          |
//! | Linking        | Up, the overlay still shown, off every  | Idle           | no overlay; offer the step menu there    |
//! |                | step and past the slop                  |                |                                          |
//! | Linking        | Up, otherwise                           | Idle           | no overlay (when shown)                  |
//! | Marquee        | Up                                      | Idle           | no overlay; add the banded steps         |
//! | any            | Cancel                                  | Idle           | no drag, no overlay                      |
//! | Idle           | Move, Up                                | Idle           | —                                        |
//! | not Idle       | Down                                    | as from Idle   | (a press always starts afresh)           |

use std::collections::BTreeSet;
use std::sync::Arc;

use flowlab_engine::edit::Port;

use super::geometry::{snap_point, Point, Rect, Viewport};
use super::state::{DragOffset, Overlay, Selection};

/// Pointer travel (px on screen) below which a press is a click.
pub const CLICK_SLOP: f64 = 4.0;

#[derive(Clone, Debug, PartialEq)]
pub enum PointerState {
    Idle,
    Panning {
        /// Where the press was, on screen.
        start: Point,
        view: Viewport,
        moved: bool,
    },
    DraggingNodes {
        /// The step pressed.
        id: String,
        ids: Arc<BTreeSet<String>>,
        /// Where the press was, in the world.
        start: Point,
        /// The pressed step's position before the drag.
        anchor: Point,
        moved: bool,
        /// Shift toggled the step at the press.
        toggled: bool,
    },
    Linking {
        from: String,
        port: Port,
        origin: Point,
    },
    Marquee {
        start: Point,
        additive: bool,
    },
}

/// What is under the pointer at a press, topmost first.
#[derive(Clone, Debug, PartialEq)]
pub enum Hit {
    /// A step's output port, or a selected edge's reconnect handle (which
    /// starts a new link from the same port).
    Port {
        node: String,
        port: Port,
    },
    /// Any other part of a step, at its position `pos`.
    Node {
        id: String,
        pos: Point,
    },
    /// An edge, by `Edge::key`.
    Edge(String),
    Background,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Button {
    Primary,
    Middle,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    Down {
        button: Button,
        /// On screen, relative to the canvas.
        screen: Point,
        world: Point,
        view: Viewport,
        hit: Hit,
        shift: bool,
        /// Space is held: any press pans.
        space: bool,
        readonly: bool,
        /// The steps selected before the press.
        selected: BTreeSet<String>,
    },
    Move {
        screen: Point,
        world: Point,
        zoom: f64,
    },
    Up {
        screen: Point,
        world: Point,
        zoom: f64,
        /// The step whose frame is under the pointer.
        target: Option<String>,
        /// The pointer is over any part of a step, its ports included.
        on_a_step: bool,
        /// The drag shown now (Escape may have dropped it).
        drag: Option<(f64, f64)>,
        /// The overlay is still shown (Escape may have dropped it).
        overlay: bool,
    },
    Cancel,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Keep the pointer's events on the canvas and prevent the press's
    /// default.
    Capture,
    Focus(String),
    Select(Selection),
    SetView(Viewport),
    SetDrag(Option<DragOffset>),
    SetOverlay(Option<Overlay>),
    /// Move these steps by (dx, dy) from where they are drawn.
    MoveSteps {
        ids: Arc<BTreeSet<String>>,
        dx: f64,
        dy: f64,
    },
    Connect {
        from: String,
        port: Port,
        to: String,
    },
    /// A link dropped off every step: offer to add one there.
    OfferStep {
        from: String,
        port: Port,
        origin: Point,
        at: Point,
        screen: Point,
    },
    /// Select the steps the band touches, added to the selection or instead
    /// of it.
    SelectBand {
        band: Rect,
        additive: bool,
    },
}

/// The next state and what to do, for `input` in `state`.
pub fn step(state: PointerState, input: Input) -> (PointerState, Vec<Effect>) {
    use Effect as E;
    use PointerState as S;
    match (state, input) {
        (
            _,
            Input::Down {
                button,
                screen,
                world,
                view,
                hit,
                shift,
                space,
                readonly,
                selected,
            },
        ) => {
            let pan = S::Panning {
                start: screen,
                view,
                moved: false,
            };
            if button == Button::Middle || space {
                return (pan, vec![E::Capture]);
            }
            match hit {
                Hit::Port { node, port } if !readonly => (
                    S::Linking {
                        from: node,
                        port,
                        origin: world,
                    },
                    vec![
                        E::SetOverlay(Some(Overlay::Link {
                            from: world,
                            to: world,
                        })),
                        E::Capture,
                    ],
                ),
                // Read-only, a port is a part of its step like any other.
                Hit::Port { node, .. } => press_step(node, None, world, shift, true, selected),
                Hit::Node { id, pos } => {
                    press_step(id, Some(pos), world, shift, readonly, selected)
                }
                Hit::Edge(key) => (
                    S::Idle,
                    vec![E::Select(Selection {
                        steps: BTreeSet::new(),
                        edge: Some(key),
                    })],
                ),
                Hit::Background if shift => (
                    S::Marquee {
                        start: world,
                        additive: true,
                    },
                    vec![
                        E::SetOverlay(Some(Overlay::Band { a: world, b: world })),
                        E::Capture,
                    ],
                ),
                Hit::Background => (pan, vec![E::Capture]),
            }
        }
        (S::Idle, Input::Move { .. } | Input::Up { .. }) => (S::Idle, vec![]),
        (
            S::Panning {
                start, view, moved, ..
            },
            Input::Move { screen, .. },
        ) => (
            S::Panning {
                start,
                view,
                moved: moved || screen.distance(start) > CLICK_SLOP,
            },
            vec![E::SetView(
                view.panned(screen.x - start.x, screen.y - start.y),
            )],
        ),
        // Within the click slop a press is not yet a drag.
        (
            pressed @ S::DraggingNodes {
                start,
                moved: false,
                ..
            },
            Input::Move { world, zoom, .. },
        ) if world.distance(start) * zoom <= CLICK_SLOP => (pressed, vec![]),
        (
            S::DraggingNodes {
                id,
                ids,
                start,
                anchor,
                toggled,
                ..
            },
            Input::Move { world, .. },
        ) => {
            let to = snap_point(anchor.offset(world.x - start.x, world.y - start.y));
            let offset = DragOffset {
                ids: ids.clone(),
                dx: to.x - anchor.x,
                dy: to.y - anchor.y,
            };
            (
                S::DraggingNodes {
                    id,
                    ids,
                    start,
                    anchor,
                    moved: true,
                    toggled,
                },
                vec![E::SetDrag(Some(offset))],
            )
        }
        (S::Linking { from, port, origin }, Input::Move { world, .. }) => (
            S::Linking { from, port, origin },
            vec![E::SetOverlay(Some(Overlay::Link {
                from: origin,
                to: world,
            }))],
        ),
        (S::Marquee { start, additive }, Input::Move { world, .. }) => (
            S::Marquee { start, additive },
            vec![E::SetOverlay(Some(Overlay::Band { a: start, b: world }))],
        ),
        (S::Panning { moved, .. }, Input::Up { .. }) => {
            let effects = if moved {
                vec![]
            } else {
                vec![E::Select(Selection::default())]
            };
            (S::Idle, effects)
        }
        (
            S::DraggingNodes {
                id,
                ids,
                moved,
                toggled,
                ..
            },
            Input::Up { drag, .. },
        ) => {
            let mut effects = match drag {
                Some((dx, dy)) if moved => vec![E::MoveSteps { ids, dx, dy }],
                _ if !moved && !toggled => vec![E::Select(Selection::only(&id))],
                _ => vec![],
            };
            effects.push(E::SetDrag(None));
            (S::Idle, effects)
        }
        (S::Linking { .. }, Input::Up { overlay: false, .. }) => (S::Idle, vec![]),
        (
            S::Linking { from, port, origin },
            Input::Up {
                screen,
                world,
                zoom,
                target,
                on_a_step,
                ..
            },
        ) => {
            let mut effects = vec![E::SetOverlay(None)];
            match target {
                Some(to) if to != from => effects.push(E::Connect { from, port, to }),
                None if !on_a_step && world.distance(origin) * zoom > CLICK_SLOP => {
                    effects.push(E::OfferStep {
                        from,
                        port,
                        origin,
                        at: world,
                        screen,
                    })
                }
                _ => {}
            }
            (S::Idle, effects)
        }
        (S::Marquee { start, additive }, Input::Up { world, .. }) => (
            S::Idle,
            vec![
                E::SetOverlay(None),
                E::SelectBand {
                    band: Rect::from_corners(start, world),
                    additive,
                },
            ],
        ),
        (_, Input::Cancel) => (S::Idle, vec![E::SetDrag(None), E::SetOverlay(None)]),
    }
}

/// A press on step `id` (at `pos`; `None` when the press cannot drag):
/// the focus goes to it, Shift toggles it in the selection, a press on an
/// unselected step selects it alone; an editable, still selected step
/// starts a drag of the whole selection.
fn press_step(
    id: String,
    pos: Option<Point>,
    world: Point,
    shift: bool,
    readonly: bool,
    mut selected: BTreeSet<String>,
) -> (PointerState, Vec<Effect>) {
    let mut effects = vec![Effect::Focus(id.clone())];
    let was = selected.contains(&id);
    if shift {
        if !selected.remove(&id) {
            selected.insert(id.clone());
        }
        effects.push(Effect::Select(Selection {
            steps: selected.clone(),
            edge: None,
        }));
    } else if !was {
        selected = BTreeSet::from([id.clone()]);
        effects.push(Effect::Select(Selection::only(&id)));
    }
    let Some(anchor) = pos.filter(|_| !readonly && selected.contains(&id)) else {
        return (PointerState::Idle, effects);
    };
    effects.push(Effect::Capture);
    let state = PointerState::DraggingNodes {
        id,
        ids: Arc::new(selected),
        start: world,
        anchor,
        moved: false,
        toggled: shift,
    };
    (state, effects)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn down(hit: Hit) -> Input {
        Input::Down {
            button: Button::Primary,
            screen: Point::new(10.0, 10.0),
            world: Point::new(10.0, 10.0),
            view: Viewport::default(),
            hit,
            shift: false,
            space: false,
            readonly: false,
            selected: BTreeSet::new(),
        }
    }

    fn node(id: &str) -> Hit {
        Hit::Node {
            id: id.into(),
            pos: Point::new(0.0, 0.0),
        }
    }

    fn at(x: f64, y: f64) -> Input {
        Input::Move {
            screen: Point::new(x, y),
            world: Point::new(x, y),
            zoom: 1.0,
        }
    }

    fn up(x: f64, y: f64, target: Option<&str>, drag: Option<(f64, f64)>) -> Input {
        Input::Up {
            screen: Point::new(x, y),
            world: Point::new(x, y),
            zoom: 1.0,
            target: target.map(str::to_owned),
            on_a_step: target.is_some(),
            drag,
            overlay: true,
        }
    }

    fn run(inputs: Vec<Input>) -> (PointerState, Vec<Effect>) {
        let mut state = PointerState::Idle;
        let mut all = Vec::new();
        for i in inputs {
            let (s, e) = step(state, i);
            state = s;
            all.extend(e);
        }
        (state, all)
    }

    #[test]
    fn a_press_on_an_unselected_step_selects_it_and_a_drag_moves_it_snapped() {
        let (s, e) = step(PointerState::Idle, down(node("a")));
        assert!(matches!(
            s,
            PointerState::DraggingNodes { moved: false, .. }
        ));
        assert_eq!(
            e,
            [
                Effect::Focus("a".into()),
                Effect::Select(Selection::only("a")),
                Effect::Capture
            ]
        );
        // Within the slop: nothing yet.
        let (s, e) = step(s, at(12.0, 11.0));
        assert!(e.is_empty());
        let (s, e) = step(s, at(40.0, 17.0));
        let ids = Arc::new(BTreeSet::from(["a".to_string()]));
        assert_eq!(
            e,
            [Effect::SetDrag(Some(DragOffset {
                ids: ids.clone(),
                dx: 32.0,
                dy: 0.0
            }))]
        );
        let (s, e) = step(s, up(40.0, 17.0, Some("a"), Some((32.0, 0.0))));
        assert_eq!(s, PointerState::Idle);
        assert_eq!(
            e,
            [
                Effect::MoveSteps {
                    ids,
                    dx: 32.0,
                    dy: 0.0
                },
                Effect::SetDrag(None)
            ]
        );
    }

    #[test]
    fn a_click_on_one_of_several_selected_steps_selects_it_alone_and_shift_toggles() {
        let mut press = down(node("b"));
        if let Input::Down { selected, .. } = &mut press {
            *selected = BTreeSet::from(["a".to_string(), "b".to_string()]);
        }
        let (_, e) = run(vec![press.clone(), up(10.0, 10.0, Some("b"), None)]);
        assert_eq!(
            e,
            [
                Effect::Focus("b".into()),
                Effect::Capture,
                Effect::Select(Selection::only("b")),
                Effect::SetDrag(None)
            ]
        );
        if let Input::Down { shift, .. } = &mut press {
            *shift = true;
        }
        let (s, e) = step(PointerState::Idle, press);
        assert_eq!(s, PointerState::Idle, "b left the selection: no drag");
        assert_eq!(
            e[1],
            Effect::Select(Selection {
                steps: BTreeSet::from(["a".to_string()]),
                edge: None
            })
        );
    }

    #[test]
    fn read_only_a_port_selects_its_step_and_nothing_drags() {
        let mut press = down(Hit::Port {
            node: "a".into(),
            port: Port::Next,
        });
        if let Input::Down { readonly, .. } = &mut press {
            *readonly = true;
        }
        let (s, e) = step(PointerState::Idle, press);
        assert_eq!(s, PointerState::Idle);
        assert_eq!(
            e,
            [
                Effect::Focus("a".into()),
                Effect::Select(Selection::only("a"))
            ]
        );
    }

    #[test]
    fn a_link_connects_on_a_step_offers_a_step_off_them_and_not_to_itself() {
        let port = Hit::Port {
            node: "a".into(),
            port: Port::Yes,
        };
        let (_, e) = run(vec![
            down(port.clone()),
            at(200.0, 50.0),
            up(200.0, 50.0, Some("b"), None),
        ]);
        assert_eq!(
            e.last(),
            Some(&Effect::Connect {
                from: "a".into(),
                port: Port::Yes,
                to: "b".into()
            })
        );
        assert!(e.contains(&Effect::SetOverlay(Some(Overlay::Link {
            from: Point::new(10.0, 10.0),
            to: Point::new(200.0, 50.0)
        }))));
        let (_, e) = run(vec![down(port.clone()), up(200.0, 50.0, None, None)]);
        assert!(
            matches!(e.last(), Some(Effect::OfferStep { at, .. }) if *at == Point::new(200.0, 50.0))
        );
        let (_, e) = run(vec![down(port.clone()), up(12.0, 10.0, None, None)]);
        assert_eq!(
            e.last(),
            Some(&Effect::SetOverlay(None)),
            "a click on a port"
        );
        let (_, e) = run(vec![down(port), up(10.0, 10.0, Some("a"), None)]);
        assert_eq!(e.last(), Some(&Effect::SetOverlay(None)));
    }

    #[test]
    fn the_background_pans_or_clears_the_selection_and_shift_draws_a_band() {
        let (s, e) = run(vec![down(Hit::Background), up(11.0, 10.0, None, None)]);
        assert_eq!(s, PointerState::Idle);
        assert_eq!(e, [Effect::Capture, Effect::Select(Selection::default())]);
        let (_, e) = run(vec![
            down(Hit::Background),
            at(60.0, 10.0),
            up(60.0, 10.0, None, None),
        ]);
        assert_eq!(e[1], Effect::SetView(Viewport::default().panned(50.0, 0.0)));
        assert_eq!(e.len(), 2, "a pan keeps the selection");
        let mut press = down(Hit::Background);
        if let Input::Down { shift, .. } = &mut press {
            *shift = true;
        }
        let (_, e) = run(vec![press, at(50.0, 90.0), up(50.0, 90.0, None, None)]);
        assert_eq!(
            e.last(),
            Some(&Effect::SelectBand {
                band: Rect::from_corners(Point::new(10.0, 10.0), Point::new(50.0, 90.0)),
                additive: true
            })
        );
    }

    #[test]
    fn an_edge_is_selected_alone_and_cancel_drops_everything() {
        let (s, e) = step(PointerState::Idle, down(Hit::Edge("a>next".into())));
        assert_eq!(s, PointerState::Idle);
        assert_eq!(
            e,
            [Effect::Select(Selection {
                steps: BTreeSet::new(),
                edge: Some("a>next".into())
            })]
        );
        let (s, e) = run(vec![down(node("a")), at(80.0, 80.0), Input::Cancel]);
        assert_eq!(s, PointerState::Idle);
        assert_eq!(
            &e[e.len() - 2..],
            [Effect::SetDrag(None), Effect::SetOverlay(None)]
        );
        // The middle button pans even over a step.
        let mut press = down(node("a"));
        if let Input::Down { button, .. } = &mut press {
            *button = Button::Middle;
        }
        assert!(matches!(
            step(PointerState::Idle, press).0,
            PointerState::Panning { .. }
        ));
    }
}
