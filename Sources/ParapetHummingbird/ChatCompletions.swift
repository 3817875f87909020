import Parapet
import ParapetJSON

/// Where the texts live in OpenAI-compatible chat-completion requests and responses.
public enum ChatCompletions {
    /// One text found in a JSON body: its location (for rewriting) and what it is to Parapet.
    public struct Slot: Sendable {
        /// Index of the message (request) or choice (response).
        public let index: Int
        /// Index inside an array-valued `content`, or nil for a plain string content.
        public let part: Int?
        public let text: String
        public let target: Target
    }

    /// Message texts of a request. User and system text is `input`; tool results are `context`;
    /// earlier assistant turns are the model's own words and are not rescanned.
    public static func requestSlots(_ body: JSONValue) -> [Slot] {
        guard let messages = body[key: "messages"]?.arrayValue else { return [] }
        var slots: [Slot] = []
        for (i, m) in messages.enumerated() {
            let role = m[key: "role"]?.stringValue ?? "user"
            let target: Target
            switch role {
            case "assistant": continue
            case "tool", "function": target = .context
            default: target = .input
            }
            slots += contentSlots(m[key: "content"], index: i, target: target)
        }
        return slots
    }

    /// Assistant texts of a non-streamed response (`choices[].message.content`).
    public static func responseSlots(_ body: JSONValue) -> [Slot] {
        guard let choices = body[key: "choices"]?.arrayValue else { return [] }
        return choices.enumerated().flatMap { i, c in contentSlots(c[key: "message"]?[key: "content"], index: i, target: .output) }
    }

    /// The text delta of one streamed chunk (`choices[0].delta.content`), if any.
    public static func streamDelta(_ chunk: JSONValue) -> String? {
        chunk[key: "choices"]?[index: 0]?[key: "delta"]?[key: "content"]?.stringValue
    }

    static func contentSlots(_ content: JSONValue?, index: Int, target: Target) -> [Slot] {
        guard let content else { return [] }
        if let s = content.stringValue { return [Slot(index: index, part: nil, text: s, target: target)] }
        guard let parts = content.arrayValue else { return [] }
        return parts.enumerated().compactMap { j, p in
            p[key: "text"]?.stringValue.map { Slot(index: index, part: j, text: $0, target: target) }
        }
    }

    /// `body` with the texts at `replacements` (keyed like the slots) swapped in.
    public static func rewrite(_ body: JSONValue, container: String, field: String?, replacements: [(Slot, String)]) -> JSONValue {
        guard case .object(var members) = body,
              let ci = members.lastIndex(where: { $0.key == container }),
              case .array(var items) = members[ci].value else { return body }
        for (slot, text) in replacements where items.indices.contains(slot.index) {
            items[slot.index] = replaceContent(items[slot.index], field: field, part: slot.part, text: text)
        }
        members[ci].value = .array(items)
        return .object(members)
    }

    /// Replaces `content` (or `field.content`) in one message or choice object.
    static func replaceContent(_ item: JSONValue, field: String?, part: Int?, text: String) -> JSONValue {
        guard case .object(var members) = item else { return item }
        if let field {
            guard let fi = members.lastIndex(where: { $0.key == field }) else { return item }
            members[fi].value = replaceContent(members[fi].value, field: nil, part: part, text: text)
            return .object(members)
        }
        guard let ci = members.lastIndex(where: { $0.key == "content" }) else { return item }
        if let part, case .array(var parts) = members[ci].value, parts.indices.contains(part), case .object(var pm) = parts[part],
           let ti = pm.lastIndex(where: { $0.key == "text" }) {
            pm[ti].value = .string(text)
            parts[part] = .object(pm)
            members[ci].value = .array(parts)
        } else if part == nil {
            members[ci].value = .string(text)
        }
        return .object(members)
    }
}
