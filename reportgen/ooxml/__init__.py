"""The one layer that knows Word's XML (Office Open XML), in the manner of python-docx: element
names (`names`), the text a reader sees in an element (`text`), the package and its parts
(`package`: is this a Word document, its XML parts, its properties), the checks a document from
outside passes before anything opens it (`upload`), and the few places where python-docx's
objects are reached below their public surface (`objects`). Everything above reads and writes
Word through here or through python-docx itself."""
