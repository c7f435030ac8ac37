//! Parses the VPC resource controller's `limits.go` (Karpenter's `zz_generated.vpclimits.go`): a
//! Go map literal `map[string]*VPCLimits{ "type": { Field: value, … }, … }`.
//!
//! The parser reads Go tokens and the structure of the literal, not line positions: fields can
//! come in any order, comments and blank lines can be anywhere, and fields it does not use are
//! skipped. Every field the data files need must be present (a generated file always writes them
//! all), each at most once, and each type at most once. Errors name the file and line.

use super::error::{valid_type_name, Error};

/// One type's entry in `limits.go`, as the data files use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VpcLimits {
    /// Instance type (`c5.large`).
    pub name: String,
    /// `Interface`: ENIs over all network cards.
    pub interfaces: u32,
    /// `IPv4PerInterface`.
    pub ipv4_per_interface: u32,
    /// `IsTrunkingCompatible`.
    pub trunking_compatible: bool,
    /// `BranchInterface`.
    pub branch_interfaces: u32,
    /// Number of entries in `NetworkCards`.
    pub network_cards: u32,
    /// `Hypervisor`: `nitro`, `xen` or empty.
    pub hypervisor: String,
    /// `IsBareMetal`.
    pub bare_metal: bool,
    /// 1-based line of the entry's key.
    pub line: usize,
}

/// The parsed file: its types in file order, and the time in its "generated at" comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitsFile {
    /// Every entry of the map, in file order.
    pub types: Vec<VpcLimits>,
    /// The `This file was generated at …` timestamp, when the header has one.
    pub generated_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Int(u64),
    Punct(char),
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    line: usize,
}

fn lex(file: &str, text: &str) -> Result<Vec<Token>, Error> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0usize, 1usize);
    let at = |i: usize| chars.get(i).copied();
    while let Some(c) = at(i) {
        let start = line;
        match c {
            '\n' => {
                line += 1;
                i += 1;
            }
            c if c.is_whitespace() => i += 1,
            '/' if at(i + 1) == Some('/') => {
                while at(i).is_some_and(|c| c != '\n') {
                    i += 1;
                }
            }
            '/' if at(i + 1) == Some('*') => {
                i += 2;
                loop {
                    match at(i) {
                        None => return Err(Error::new(file, start, "unterminated /* comment")),
                        Some('*') if at(i + 1) == Some('/') => {
                            i += 2;
                            break;
                        }
                        Some(c) => {
                            if c == '\n' {
                                line += 1;
                            }
                            i += 1;
                        }
                    }
                }
            }
            '"' => {
                i += 1;
                let mut s = String::new();
                loop {
                    match at(i) {
                        None | Some('\n') => {
                            return Err(Error::new(file, start, "unterminated string"))
                        }
                        Some('"') => {
                            i += 1;
                            break;
                        }
                        Some('\\') => {
                            match at(i + 1) {
                                Some(e @ ('"' | '\\')) => s.push(e),
                                Some(e) => {
                                    s.push('\\');
                                    s.push(e);
                                }
                                None => return Err(Error::new(file, start, "unterminated string")),
                            }
                            i += 2;
                        }
                        Some(c) => {
                            s.push(c);
                            i += 1;
                        }
                    }
                }
                out.push(Token {
                    tok: Tok::Str(s),
                    line: start,
                });
            }
            '`' => {
                i += 1;
                let mut s = String::new();
                loop {
                    match at(i) {
                        None => return Err(Error::new(file, start, "unterminated raw string")),
                        Some('`') => {
                            i += 1;
                            break;
                        }
                        Some(c) => {
                            if c == '\n' {
                                line += 1;
                            }
                            s.push(c);
                            i += 1;
                        }
                    }
                }
                out.push(Token {
                    tok: Tok::Str(s),
                    line: start,
                });
            }
            c if c.is_ascii_digit() => {
                let mut s = String::new();
                while let Some(d) = at(i).filter(|d| d.is_ascii_alphanumeric() || *d == '_') {
                    s.push(d);
                    i += 1;
                }
                let digits = s.replace('_', "");
                let n = digits.parse::<u64>().map_err(|_| {
                    Error::new(file, start, format!("{s:?} is not a decimal integer"))
                })?;
                out.push(Token {
                    tok: Tok::Int(n),
                    line: start,
                });
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut s = String::new();
                while let Some(d) = at(i).filter(|d| d.is_alphanumeric() || *d == '_') {
                    s.push(d);
                    i += 1;
                }
                out.push(Token {
                    tok: Tok::Ident(s),
                    line: start,
                });
            }
            c => {
                out.push(Token {
                    tok: Tok::Punct(c),
                    line: start,
                });
                i += 1;
            }
        }
    }
    Ok(out)
}

/// A cursor over the tokens; every read past the end is an error at the last line.
struct Parser<'a> {
    file: &'a str,
    toks: &'a [Token],
    pos: usize,
    last_line: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.tok)
    }
    fn line(&self) -> usize {
        self.toks.get(self.pos).map_or(self.last_line, |t| t.line)
    }
    fn err(&self, message: impl Into<String>) -> Error {
        Error::new(self.file, self.line(), message)
    }
    fn next(&mut self, what: &str) -> Result<Tok, Error> {
        let t = self
            .toks
            .get(self.pos)
            .map(|t| t.tok.clone())
            .ok_or_else(|| self.err(format!("file ends where {what} was expected")))?;
        self.pos += 1;
        Ok(t)
    }
    fn punct(&mut self, c: char) -> Result<(), Error> {
        match self.peek() {
            Some(Tok::Punct(p)) if *p == c => {
                self.pos += 1;
                Ok(())
            }
            other => Err(self.err(format!("expected `{c}`, found {}", describe(other)))),
        }
    }
    fn eat(&mut self, t: &Tok) -> bool {
        if self.peek() == Some(t) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    /// Skips everything up to the closing bracket at depth 0 (not consumed).
    fn skip_to_close(&mut self) -> Result<(), Error> {
        loop {
            self.skip_value()?;
            if !self.eat(&Tok::Punct(',')) {
                return Ok(());
            }
        }
    }
    /// Skips one value (anything up to a `,` or closing bracket at depth 0).
    fn skip_value(&mut self) -> Result<(), Error> {
        let mut depth = 0usize;
        loop {
            match self.peek() {
                None => return Err(self.err("file ends inside a value")),
                Some(Tok::Punct('{' | '(' | '[')) => depth += 1,
                Some(Tok::Punct('}' | ')' | ']')) if depth == 0 => return Ok(()),
                Some(Tok::Punct('}' | ')' | ']')) => depth -= 1,
                Some(Tok::Punct(',')) if depth == 0 => return Ok(()),
                Some(_) => {}
            }
            self.pos += 1;
        }
    }
}

fn describe(t: Option<&Tok>) -> String {
    match t {
        None => "the end of the file".into(),
        Some(Tok::Ident(s)) => format!("`{s}`"),
        Some(Tok::Str(s)) => format!("the string {s:?}"),
        Some(Tok::Int(n)) => format!("the number {n}"),
        Some(Tok::Punct(c)) => format!("`{c}`"),
    }
}

fn ident(s: &str) -> Tok {
    Tok::Ident(s.to_owned())
}

/// Fields read from each entry; all are required.
const FIELDS: [&str; 7] = [
    "Interface",
    "IPv4PerInterface",
    "IsTrunkingCompatible",
    "BranchInterface",
    "NetworkCards",
    "Hypervisor",
    "IsBareMetal",
];

/// Parses `text` (the contents of `file`).
pub fn parse(file: &str, text: &str) -> Result<LimitsFile, Error> {
    let toks = lex(file, text)?;
    let last_line = text.lines().count().max(1);
    let mut p = Parser {
        file,
        toks: &toks,
        pos: 0,
        last_line,
    };
    // Find `map [ string ] *? VPCLimits {`.
    let shape_at = |i: usize| -> Option<usize> {
        let t = |k: usize| toks.get(i + k).map(|t| &t.tok);
        if t(0) != Some(&ident("map"))
            || t(1) != Some(&Tok::Punct('['))
            || t(2) != Some(&ident("string"))
            || t(3) != Some(&Tok::Punct(']'))
        {
            return None;
        }
        let k = if t(4) == Some(&Tok::Punct('*')) { 5 } else { 4 };
        (t(k) == Some(&ident("VPCLimits")) && t(k + 1) == Some(&Tok::Punct('{')))
            .then_some(i + k + 2)
    };
    let starts: Vec<usize> = (0..toks.len()).filter_map(shape_at).collect();
    let start = match starts.as_slice() {
        [s] => *s,
        [] => return Err(Error::new(
            file,
            0,
            "no `map[string]*VPCLimits{…}` literal: is this limits.go / zz_generated.vpclimits.go?",
        )),
        [_, second, ..] => {
            p.pos = *second;
            return Err(p.err("a second `map[string]*VPCLimits` literal"));
        }
    };
    p.pos = start;
    let generated_at = text.lines().find_map(|l| {
        let l = l.trim_start();
        let rest = l.strip_prefix("//")?;
        let (_, after) = rest.split_once("generated at ")?;
        after.split_whitespace().next().map(str::to_owned)
    });
    let mut types: Vec<VpcLimits> = Vec::new();
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    loop {
        if p.eat(&Tok::Punct('}')) {
            break;
        }
        let line = p.line();
        let name = match p.next("an instance type")? {
            Tok::Str(s) => s,
            other => {
                p.pos -= 1;
                return Err(p.err(format!(
                    "expected a quoted instance type, found {}",
                    describe(Some(&other))
                )));
            }
        };
        if !valid_type_name(&name) {
            return Err(Error::new(
                file,
                line,
                format!("{name:?} is not an instance type name"),
            ));
        }
        if let Some(first) = seen.insert(name.clone(), line) {
            return Err(Error::new(
                file,
                line,
                format!("{name} appears twice (first at line {first})"),
            ));
        }
        p.punct(':')?;
        p.eat(&Tok::Punct('&'));
        p.eat(&ident("VPCLimits"));
        p.punct('{')?;
        types.push(entry(&mut p, name, line)?);
        if !p.eat(&Tok::Punct(',')) {
            p.punct('}')?;
            break;
        }
    }
    if types.is_empty() {
        return Err(Error::new(
            file,
            line_of(&p),
            "the VPCLimits map has no entries",
        ));
    }
    Ok(LimitsFile {
        types,
        generated_at,
    })
}

fn line_of(p: &Parser<'_>) -> usize {
    p.line()
}

fn entry(p: &mut Parser<'_>, name: String, line: usize) -> Result<VpcLimits, Error> {
    let mut ints: [Option<u32>; 3] = [None; 3]; // Interface, IPv4PerInterface, BranchInterface
    let mut bools: [Option<bool>; 2] = [None; 2]; // IsTrunkingCompatible, IsBareMetal
    let mut cards: Option<u32> = None;
    let mut hypervisor: Option<String> = None;
    loop {
        if p.eat(&Tok::Punct('}')) {
            break;
        }
        let field_line = p.line();
        let field = match p.next("a field name")? {
            Tok::Ident(s) => s,
            other => {
                p.pos -= 1;
                return Err(p.err(format!(
                    "{name}: expected a field name, found {}",
                    describe(Some(&other))
                )));
            }
        };
        p.punct(':')?;
        let twice = || Error::new(p.file, field_line, format!("{name}: {field} appears twice"));
        match field.as_str() {
            "Interface" | "IPv4PerInterface" | "BranchInterface" => {
                let slot = match field.as_str() {
                    "Interface" => 0,
                    "IPv4PerInterface" => 1,
                    _ => 2,
                };
                let v = match p.next("a number")? {
                    Tok::Int(n) => u32::try_from(n).ok(),
                    _ => None,
                };
                let Some(v) = v else {
                    return Err(Error::new(
                        p.file,
                        field_line,
                        format!("{name}: {field} is not a whole number up to 4294967295"),
                    ));
                };
                if let Some(s) = ints.get_mut(slot) {
                    if s.replace(v).is_some() {
                        return Err(twice());
                    }
                }
            }
            "IsTrunkingCompatible" | "IsBareMetal" => {
                let slot = usize::from(field == "IsBareMetal");
                let v = match p.next("true or false")? {
                    Tok::Ident(s) if s == "true" => true,
                    Tok::Ident(s) if s == "false" => false,
                    other => {
                        return Err(Error::new(
                            p.file,
                            field_line,
                            format!(
                                "{name}: {field} is {}, not true or false",
                                describe(Some(&other))
                            ),
                        ))
                    }
                };
                if let Some(s) = bools.get_mut(slot) {
                    if s.replace(v).is_some() {
                        return Err(twice());
                    }
                }
            }
            "Hypervisor" => {
                let v = match p.next("a string")? {
                    Tok::Str(s) => s,
                    other => {
                        return Err(Error::new(
                            p.file,
                            field_line,
                            format!(
                                "{name}: Hypervisor is {}, not a string",
                                describe(Some(&other))
                            ),
                        ))
                    }
                };
                if !matches!(v.as_str(), "nitro" | "xen" | "") {
                    return Err(Error::new(
                        p.file,
                        field_line,
                        format!("{name}: Hypervisor {v:?} is not \"nitro\", \"xen\" or empty"),
                    ));
                }
                if hypervisor.replace(v).is_some() {
                    return Err(twice());
                }
            }
            "NetworkCards" => {
                let n = network_cards(p, &name)?;
                if cards.replace(n).is_some() {
                    return Err(twice());
                }
            }
            _ => p.skip_value()?,
        }
        if !p.eat(&Tok::Punct(',')) {
            p.punct('}')?;
            break;
        }
    }
    let missing: Vec<&str> = FIELDS
        .iter()
        .copied()
        .filter(|f| match *f {
            "Interface" => ints[0].is_none(),
            "IPv4PerInterface" => ints[1].is_none(),
            "BranchInterface" => ints[2].is_none(),
            "IsTrunkingCompatible" => bools[0].is_none(),
            "IsBareMetal" => bools[1].is_none(),
            "NetworkCards" => cards.is_none(),
            _ => hypervisor.is_none(),
        })
        .collect();
    match (ints, bools, cards, hypervisor) {
        ([Some(i), Some(v4), Some(b)], [Some(t), Some(m)], Some(c), Some(h))
            if missing.is_empty() =>
        {
            Ok(VpcLimits {
                name,
                interfaces: i,
                ipv4_per_interface: v4,
                trunking_compatible: t,
                branch_interfaces: b,
                network_cards: c,
                hypervisor: h,
                bare_metal: m,
                line,
            })
        }
        _ => Err(Error::new(
            p.file,
            line,
            format!("{name}: missing {}", missing.join(", ")),
        )),
    }
}

/// `[]NetworkCard{ {…}, NetworkCard{…}, … }` or `nil`: the number of cards.
fn network_cards(p: &mut Parser<'_>, name: &str) -> Result<u32, Error> {
    if p.eat(&ident("nil")) {
        return Ok(0);
    }
    p.punct('[').map_err(|e| {
        Error::new(
            p.file,
            e.line,
            format!("{name}: NetworkCards: {}", e.message),
        )
    })?;
    p.punct(']')?;
    p.eat(&Tok::Punct('*'));
    if !p.eat(&ident("NetworkCard")) {
        return Err(p.err(format!(
            "{name}: NetworkCards is not a []NetworkCard literal"
        )));
    }
    p.punct('{')?;
    let mut n = 0u32;
    loop {
        if p.eat(&Tok::Punct('}')) {
            break;
        }
        p.eat(&Tok::Punct('&'));
        p.eat(&ident("NetworkCard"));
        p.punct('{')?;
        p.skip_to_close()?;
        p.punct('}')?;
        n = n.saturating_add(1);
        if !p.eat(&Tok::Punct(',')) {
            p.punct('}')?;
            break;
        }
    }
    Ok(n)
}
