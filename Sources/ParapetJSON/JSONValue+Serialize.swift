/// Serializing whole values, iteratively so deep user-built values cannot overflow the stack.
extension JSONWriter {
    private enum Step {
        case value(JSONValue)
        case key(String)
        case endArray
        case endObject
    }

    /// Writes `value` compactly, object members in their stored order (duplicates included).
    public mutating func writeValue(_ value: JSONValue) {
        var work: [Step] = [.value(value)]
        while let step = work.popLast() {
            switch step {
            case .key(let name): key(name)
            case .endArray: endArray()
            case .endObject: endObject()
            case .value(let v):
                switch v {
                case .null: writeNull()
                case .bool(let b): writeBool(b)
                case .number(let text): writeNumber(text: text)
                case .string(let s): writeString(s)
                case .array(let items):
                    beginArray()
                    work.append(.endArray)
                    for item in items.reversed() { work.append(.value(item)) }
                case .object(let members):
                    beginObject()
                    work.append(.endObject)
                    for member in members.reversed() {
                        work.append(.value(member.value))
                        work.append(.key(member.key))
                    }
                }
            }
        }
    }
}

extension JSONValue {
    /// Compact JSON text for this value; parsing it back gives an equal value.
    public func serialized() -> String {
        var writer = JSONWriter()
        writer.writeValue(self)
        return writer.string
    }

    /// Compact JSON as UTF-8 bytes.
    public func serializedBytes() -> [UInt8] {
        var writer = JSONWriter()
        writer.writeValue(self)
        return writer.bytes
    }
}

extension JSONValue: CustomStringConvertible {
    public var description: String { serialized() }
}
