import OverblikCore

/// Who is looking, and what they may see, under a snapshot's `[access]` rules. With the rules
/// off, `--user` chooses the view and everything is visible (as without rules). With them on,
/// the login name decides: it must be in the staff file; `--user` may only name someone else
/// for a person whose scope is everything (a consultant looking as a caseworker).
public enum AccessCheck {
    public struct Refusal: Error, LocalizedMessage, Equatable {
        public var message: Message
        public func text(_ language: Language) -> String { message.text(language) }
    }

    public static func resolve(rules: AccessRules, initials: String?, loginName: String?, staff: [StaffMember])
        -> Result<(user: StaffMember?, visibility: Visibility), Refusal> {
        guard rules.enforce else {
            return .success((AppLoader.resolveUser(initials: initials, loginName: loginName, staff: staff), .everything))
        }
        let login = loginName ?? ""
        guard let me = staff.first(where: { !$0.username.isEmpty && $0.username.lowercased() == login.lowercased() }),
              let scope = rules.scope(for: me) else {
            return .failure(Refusal(message: Message(
                da: "adgang nægtet: login-navnet »\(login)« står ikke i medarbejderfilen, og [access] er slået til",
                en: "access denied: the login name “\(login)” is not in the staff file, and [access] is enforced")))
        }
        if let initials, initials.lowercased() != me.initials.lowercased() {
            guard scope == .all else {
                return .failure(Refusal(message: Message(
                    da: "adgang nægtet: \(me.initials) må ikke se Overblik som \(initials.uppercased()) ([access] giver \(scope.rawValue))",
                    en: "access denied: \(me.initials) may not view Overblik as \(initials.uppercased()) ([access] gives \(scope.rawValue))")))
            }
            let other = staff.first { $0.initials.lowercased() == initials.lowercased() } ?? StaffMember(initials: initials.uppercased())
            return .success((other, .everything))
        }
        return .success((me, Visibility(user: me, scope: scope, staff: staff)))
    }

    public static func refusal(_ da: String, _ en: String) -> Refusal { Refusal(message: Message(da: "adgang nægtet: " + da, en: "access denied: " + en)) }
}
