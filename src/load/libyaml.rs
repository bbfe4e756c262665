//! The one place that calls libyaml (through `unsafe-libyaml`, the translation of libyaml that
//! serde_yaml is built on): text in, owned events out, one at a time. Everything else in the
//! loader works on these events and never touches a pointer; what a file means is decided on
//! exactly the events the parser produced, so no check can read the text differently from it.
// The crate denies `unsafe` everywhere else.
#![allow(unsafe_code)]

use std::ffi::{c_char, CStr};
use std::marker::PhantomData;
use std::mem::MaybeUninit;
use std::ops::ControlFlow;

use unsafe_libyaml as unsafe_yaml;

/// One parsing event, copied out of libyaml. `at` is the byte offset in the text where the
/// event's node starts (its anchor or tag included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Event {
    DocumentStart {
        at: usize,
    },
    /// A scalar's value after quoting, escapes and folding; `plain` when it was written without
    /// quotes or block indicators (only then are `~`, `null` and `true` more than text).
    Scalar {
        at: usize,
        value: String,
        plain: bool,
        anchor: Option<String>,
    },
    SequenceStart {
        at: usize,
        anchor: Option<String>,
    },
    MappingStart {
        at: usize,
        anchor: Option<String>,
    },
    /// The end of the innermost open sequence or mapping.
    End,
    Alias {
        at: usize,
        name: String,
    },
}

/// Why libyaml stopped: its own words, and the byte offset it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SyntaxError {
    pub problem: String,
    pub offset: usize,
    /// The reader refused a character (libyaml reads only YAML's printable characters).
    pub bad_character: bool,
}

/// Parses `text` and hands each event to `each`, in order, until the stream ends or `each`
/// breaks. Stream and document ends are not passed on.
pub(super) fn parse(text: &str, mut each: impl FnMut(Event) -> ControlFlow<()>) -> Result<(), SyntaxError> {
    let mut parser = Parser::new(text);
    loop {
        match parser.next(text)? {
            Copied::StreamEnd => return Ok(()),
            Copied::Nothing => {}
            Copied::Event(event) => {
                if each(event).is_break() {
                    return Ok(());
                }
            }
        }
    }
}

/// What one libyaml event gave.
enum Copied {
    Event(Event),
    /// Stream start and document end: nothing a data file can use.
    Nothing,
    StreamEnd,
}

/// A libyaml parser reading a text that lives at least as long (`'text`), deleted when dropped.
/// It lives on the heap because libyaml keeps a pointer to the parser inside the parser (the
/// string reader's data), so it must never move once its input is set.
struct Parser<'text> {
    sys: Box<MaybeUninit<unsafe_yaml::yaml_parser_t>>,
    text: PhantomData<&'text str>,
}

impl<'text> Parser<'text> {
    fn new(text: &'text str) -> Self {
        let mut sys = Box::new(MaybeUninit::<unsafe_yaml::yaml_parser_t>::uninit());
        // SAFETY: `yaml_parser_initialize` fills the whole structure (it starts with a memset)
        // before anything reads it; the translation aborts the process if it cannot allocate
        // rather than returning with the structure half made. The input pointer stays valid
        // for the parser's life: the parser borrows the text (`'text`), and libyaml only reads it.
        unsafe {
            let raw = sys.as_mut_ptr();
            let _ = unsafe_yaml::yaml_parser_initialize(raw);
            unsafe_yaml::yaml_parser_set_encoding(raw, unsafe_yaml::YAML_UTF8_ENCODING);
            unsafe_yaml::yaml_parser_set_input_string(raw, text.as_ptr(), text.len() as u64);
        }
        Parser { sys, text: PhantomData }
    }

    /// The next event, copied out.
    fn next(&mut self, text: &str) -> Result<Copied, SyntaxError> {
        let raw = self.sys.as_mut_ptr();
        let mut event = MaybeUninit::<unsafe_yaml::yaml_event_t>::uninit();
        // SAFETY: `raw` is an initialised parser (see `new`), used one call at a time
        // (`&mut self`). When `yaml_parser_parse` succeeds it has initialised `event`; its data
        // is read while the event is alive, and the event is deleted exactly once, right after.
        // When it fails, no event was made, and the parser's error fields hold static strings
        // and plain numbers.
        unsafe {
            if unsafe_yaml::yaml_parser_parse(raw, event.as_mut_ptr()).fail {
                return Err(syntax_error(&*raw, text));
            }
            let event = event.as_mut_ptr();
            let copied = copy_event(&*event, text);
            unsafe_yaml::yaml_event_delete(event);
            Ok(copied)
        }
    }
}

impl Drop for Parser<'_> {
    fn drop(&mut self) {
        // SAFETY: the parser was initialised in `new` and is deleted only here, once; this runs
        // on every way out of `parse`, a panic in its callback included.
        unsafe { unsafe_yaml::yaml_parser_delete(self.sys.as_mut_ptr()) }
    }
}

/// Owned data of a live event.
///
/// # Safety
/// `event` must be an initialised libyaml event that has not been deleted.
unsafe fn copy_event(event: &unsafe_yaml::yaml_event_t, text: &str) -> Copied {
    let at = offset(event.start_mark.index, text);
    // SAFETY (for the union reads): each arm reads the union member that libyaml fills for
    // that event type.
    unsafe {
        Copied::Event(match event.type_ {
            unsafe_yaml::YAML_STREAM_END_EVENT => return Copied::StreamEnd,
            unsafe_yaml::YAML_DOCUMENT_START_EVENT => Event::DocumentStart { at },
            unsafe_yaml::YAML_SCALAR_EVENT => {
                let scalar = event.data.scalar;
                let bytes = if scalar.value.is_null() || scalar.length == 0 {
                    &[][..]
                } else {
                    std::slice::from_raw_parts(scalar.value, scalar.length as usize)
                };
                Event::Scalar {
                    at,
                    // libyaml writes UTF-8 for UTF-8 input; a lossy copy costs no `unsafe`.
                    value: String::from_utf8_lossy(bytes).into_owned(),
                    plain: scalar.style == unsafe_yaml::YAML_PLAIN_SCALAR_STYLE,
                    anchor: c_string(scalar.anchor.cast()),
                }
            }
            unsafe_yaml::YAML_SEQUENCE_START_EVENT => {
                Event::SequenceStart { at, anchor: c_string(event.data.sequence_start.anchor.cast()) }
            }
            unsafe_yaml::YAML_MAPPING_START_EVENT => {
                Event::MappingStart { at, anchor: c_string(event.data.mapping_start.anchor.cast()) }
            }
            unsafe_yaml::YAML_SEQUENCE_END_EVENT | unsafe_yaml::YAML_MAPPING_END_EVENT => Event::End,
            unsafe_yaml::YAML_ALIAS_EVENT => {
                Event::Alias { at, name: c_string(event.data.alias.anchor.cast()).unwrap_or_default() }
            }
            _ => return Copied::Nothing,
        })
    }
}

/// A NUL-terminated string that libyaml owns, copied; `None` for a null pointer.
///
/// # Safety
/// `pointer` is null or points to a NUL-terminated string that lives through this call.
unsafe fn c_string(pointer: *const c_char) -> Option<String> {
    if pointer.is_null() {
        return None;
    }
    // SAFETY: see the function's contract.
    Some(unsafe { CStr::from_ptr(pointer) }.to_string_lossy().into_owned())
}

fn syntax_error(parser: &unsafe_yaml::yaml_parser_t, text: &str) -> SyntaxError {
    let bad_character = parser.error == unsafe_yaml::YAML_READER_ERROR;
    // The reader counts in bytes of input; the scanner and parser point with a mark.
    let offset = if bad_character { parser.problem_offset } else { parser.problem_mark.index };
    // SAFETY: libyaml sets `problem` to null or to one of its static, NUL-terminated messages.
    let problem = unsafe { c_string(parser.problem) }.unwrap_or_else(|| "the YAML parser failed".into());
    SyntaxError { problem, offset: self::offset(offset, text), bad_character }
}

/// libyaml's byte offset as an index into `text` (it never points past the end).
fn offset(index: u64, text: &str) -> usize {
    usize::try_from(index).map_or(text.len(), |i| i.min(text.len()))
}
